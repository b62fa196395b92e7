using System.Security.Claims;
using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Api.Rooms;

/// <summary><c>/api/rooms</c>: rooms, members and messages. Refusals from the room grain become problem details.</summary>
public static class RoomsApi
{
    public static RouteGroupBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rooms").WithTags("Rooms").RequireAuthorization();
        group.MapGet("/", ListRooms).WithName("ListRooms");
        group.MapPost("/", CreateRoom).WithName("CreateRoom").RequireRateLimiting(RoomRateLimits.Creation);
        group.MapGet("/{id}", GetRoom).WithName("GetRoom");
        group.MapPatch("/{id}", UpdateRoom).WithName("UpdateRoom");
        group.MapDelete("/{id}", DeleteRoom).WithName("DeleteRoom");
        group.MapPut("/{id}/members/{userName}", AddMember).WithName("AddMember").RequireRateLimiting(RoomRateLimits.MemberAddition);
        group.MapDelete("/{id}/members/{userName}", RemoveMember).WithName("RemoveMember");
        group.MapGet("/{id}/messages", GetMessages).WithName("GetMessages");
        group.MapPost("/{id}/messages", PostMessage).WithName("PostMessage").AddEndpointFilter<SendAdmissionFilter>();
        group.MapPatch("/{id}/messages/{seq:long}", EditMessage).WithName("EditMessage");
        group.MapDelete("/{id}/messages/{seq:long}", DeleteMessage).WithName("DeleteMessage");
        group.MapPost("/{id}/read", MarkRead).WithName("MarkRead");
        return group;
    }

    public static async Task<Results<Ok<RoomList>, ValidationProblem>> ListRooms(
        string? q, string? cursor, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (limit is < 1 or > RoomListQuery.MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {RoomListQuery.MaxLimit}.");
        }

        if (q is { Length: > RoomListQuery.MaxSearchLength })
        {
            return Invalid("q", $"A search is at most {RoomListQuery.MaxSearchLength} characters.");
        }

        if (cursor is not null && !RoomListKey.TryParseCursor(cursor, out _))
        {
            return Invalid("cursor", "Pass the nextCursor of the previous page unchanged.");
        }

        var page = await grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key)
            .ListAsync(user.UserName(), new RoomListQuery(q, cursor, limit ?? RoomListQuery.DefaultLimit));
        return TypedResults.Ok(new RoomList(page.Rooms, page.NextCursor));
    }

    public static async Task<Results<Created<RoomInfo>, ValidationProblem>> CreateRoom(
        CreateRoomRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Invalid("name", "A room needs a name.");
        }

        var id = request.Id ?? ChatLimits.RoomIdFromName(request.Name);
        if (!ChatLimits.IsValidRoomId(id))
        {
            return Invalid("id", request.Id is null
                ? "No room id can be made from that name: give an id (lower-case letters, digits and '-', up to 64)."
                : ChatLimits.RoomIdRule);
        }

        var room = await grains.GetGrain<IRoomGrain>(id).CreateAsync(
            user.UserName(), new RoomSettings(request.Name, request.Topic, request.IsPrivate ?? false));
        return TypedResults.Created($"/api/rooms/{id}", room);
    }

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> GetRoom(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        ChatLimits.IsValidRoomId(id)
            ? TypedResults.Ok(await grains.GetGrain<IRoomGrain>(id).GetAsync(user.UserName()))
            : InvalidRoomId();

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> UpdateRoom(
        string id, UpdateRoomRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var owner = request.Owner is null ? null : ChatLimits.NormalizeUserName(request.Owner);
        return !ChatLimits.IsValidRoomId(id) ? InvalidRoomId()
            : owner is not null && !ChatLimits.IsValidUserName(owner) ? Invalid("owner", ChatLimits.UserNameRule)
            : TypedResults.Ok(await grains.GetGrain<IRoomGrain>(id).UpdateAsync(user.UserName(), new RoomPatch(request.Name, request.Topic, request.IsPrivate, owner)));
    }

    public static async Task<Results<NoContent, ValidationProblem>> DeleteRoom(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!ChatLimits.IsValidRoomId(id))
        {
            return InvalidRoomId();
        }

        await grains.GetGrain<IRoomGrain>(id).DeleteAsync(user.UserName());
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> AddMember(
        string id, string userName, ClaimsPrincipal user, IGrainFactory grains)
    {
        var member = ChatLimits.NormalizeUserName(userName);
        return !ChatLimits.IsValidRoomId(id) ? InvalidRoomId()
            : !ChatLimits.IsValidUserName(member) ? Invalid("userName", ChatLimits.UserNameRule)
            : TypedResults.Ok(await grains.GetGrain<IRoomGrain>(id).AddMemberAsync(user.UserName(), member));
    }

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> RemoveMember(
        string id, string userName, ClaimsPrincipal user, IGrainFactory grains)
    {
        var member = ChatLimits.NormalizeUserName(userName);
        return !ChatLimits.IsValidRoomId(id) ? InvalidRoomId()
            : !ChatLimits.IsValidUserName(member) ? Invalid("userName", ChatLimits.UserNameRule)
            : TypedResults.Ok(await grains.GetGrain<IRoomGrain>(id).RemoveMemberAsync(user.UserName(), member));
    }

    public static async Task<Results<Ok<MessagePage>, ValidationProblem>> GetMessages(
        string id, long? after, long? before, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!ChatLimits.IsValidRoomId(id))
        {
            return InvalidRoomId();
        }

        if (limit is < 1 or > MessageQuery.MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {MessageQuery.MaxLimit}.");
        }

        if (after is < 0 || before is < 1)
        {
            return Invalid(after is < 0 ? "after" : "before", "after must be 0 or more and before 1 or more.");
        }

        var query = new MessageQuery(after, before, limit ?? MessageQuery.DefaultLimit);
        return TypedResults.Ok(new MessagePage(await grains.GetGrain<IRoomGrain>(id).GetHistoryAsync(user.UserName(), query)));
    }

    public static async Task<Results<Created<ChatMessage>, ValidationProblem>> PostMessage(
        string id, PostMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, MessageRateLimiter limiter)
    {
        if (!ChatLimits.IsValidRoomId(id))
        {
            return InvalidRoomId();
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Invalid("text", "Message text must not be empty.");
        }

        var author = user.UserName();
        limiter.Acquire(author);
        var message = await grains.GetGrain<IRoomGrain>(id).PostAsync(author, request.Text, request.ClientMessageId);
        return TypedResults.Created($"/api/rooms/{id}/messages?after={message.Seq - 1}&limit=1", message);
    }

    public static async Task<Results<Ok<ChatMessage>, ValidationProblem>> EditMessage(
        string id, long seq, EditMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, MessageRateLimiter limiter)
    {
        if (!ChatLimits.IsValidRoomId(id))
        {
            return InvalidRoomId();
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Invalid("text", "Message text must not be empty.");
        }

        limiter.Acquire(user.UserName());
        return TypedResults.Ok(await grains.GetGrain<IRoomGrain>(id).EditAsync(user.UserName(), seq, request.Text));
    }

    public static async Task<Results<Ok<ChatMessage>, ValidationProblem>> DeleteMessage(
        string id, long seq, ClaimsPrincipal user, IGrainFactory grains) =>
        ChatLimits.IsValidRoomId(id)
            ? TypedResults.Ok(await grains.GetGrain<IRoomGrain>(id).DeleteMessageAsync(user.UserName(), seq))
            : InvalidRoomId();

    public static async Task<Results<Ok<RoomReadState>, ValidationProblem>> MarkRead(
        string id, MarkReadRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        request.Seq is { } seq
            ? TypedResults.Ok(await ReadMarker.MarkAsync(grains, user.UserName(), id, seq))
            : Invalid("seq", "Give the last seq read.");

    private static ValidationProblem InvalidRoomId() =>
        Invalid("id", ChatLimits.RoomIdRule);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
