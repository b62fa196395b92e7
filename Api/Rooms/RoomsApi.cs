using System.Security.Claims;
using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Api.Rooms;

/// <summary><c>/api/rooms</c>: rooms, members and messages. Refusals from the room grain become problem details.</summary>
public static class RoomsApi
{
    public static RouteGroupBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rooms").WithTags("Rooms").RequireAuthorization()
            .AddEndpointFilter<RoomIdFilter>().ProducesValidationProblem();
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

    /// <summary>The directory grain checks the limit, the search and the cursor; its refusals become 400.</summary>
    public static async Task<Ok<RoomList>> ListRooms(
        string? q, string? cursor, int? limit, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var page = await grains.Reference<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key)
            .ListAsync(user.UserName(), new RoomListQuery(q, cursor, limit ?? RoomListQuery.DefaultLimit), cancellationToken);
        return TypedResults.Ok(new RoomList(page.Rooms, page.NextCursor));
    }

    /// <summary>The id (given, or made from the name) is checked here because it picks the grain; the room checks the rest.</summary>
    public static async Task<Results<Created<RoomInfo>, ValidationProblem>> CreateRoom(
        CreateRoomRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var id = request.Id ?? ChatLimits.RoomIdFromName(request.Name ?? "");
        if (!ChatLimits.IsValidRoomId(id))
        {
            return Invalid("id", request.Id is null
                ? $"No room id can be made from that name: give an id. {ChatLimits.RoomIdRule}"
                : ChatLimits.RoomIdRule);
        }

        var room = await grains.Reference<IRoomGrain>(id).CreateAsync(
            user.UserName(), new RoomSettings(request.Name ?? "", request.Topic, request.IsPrivate ?? false));
        return TypedResults.Created($"/api/rooms/{id}", room);
    }

    public static async Task<Ok<RoomInfo>> GetRoom(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Reference<IRoomGrain>(id).GetAsync(user.UserName()));

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> UpdateRoom(
        string id, UpdateRoomRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var owner = request.Owner is null ? null : ChatLimits.NormalizeUserName(request.Owner);
        return owner is not null && !ChatLimits.IsValidUserName(owner) ? Invalid("owner", ChatLimits.UserNameRule)
            : TypedResults.Ok(await grains.Reference<IRoomGrain>(id).UpdateAsync(user.UserName(), new RoomPatch(request.Name, request.Topic, request.IsPrivate, owner)));
    }

    public static async Task<NoContent> DeleteRoom(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.Reference<IRoomGrain>(id).DeleteAsync(user.UserName());
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> AddMember(
        string id, string userName, ClaimsPrincipal user, IGrainFactory grains)
    {
        var member = ChatLimits.NormalizeUserName(userName);
        return !ChatLimits.IsValidUserName(member) ? Invalid("userName", ChatLimits.UserNameRule)
            : TypedResults.Ok(await grains.Reference<IRoomGrain>(id).AddMemberAsync(user.UserName(), member));
    }

    public static async Task<Results<Ok<RoomInfo>, ValidationProblem>> RemoveMember(
        string id, string userName, ClaimsPrincipal user, IGrainFactory grains)
    {
        var member = ChatLimits.NormalizeUserName(userName);
        return !ChatLimits.IsValidUserName(member) ? Invalid("userName", ChatLimits.UserNameRule)
            : TypedResults.Ok(await grains.Reference<IRoomGrain>(id).RemoveMemberAsync(user.UserName(), member));
    }

    /// <summary>The room checks the page's limit and bounds (the hub reads history too); its refusals become 400.</summary>
    public static async Task<Ok<MessagePage>> GetMessages(
        string id, long? after, long? before, int? limit, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // The request's token reaches the store: a client that goes away stops its read (Orleans carries the cancellation to the grain).
        var query = new MessageQuery(after, before, limit ?? MessageQuery.DefaultLimit);
        return TypedResults.Ok(new MessagePage(await grains.Reference<IRoomGrain>(id).GetHistoryAsync(user.UserName(), query, cancellationToken)));
    }

    /// <summary>The room checks the text (as it does for the hub); its refusals become 400.</summary>
    public static async Task<Created<ChatMessage>> PostMessage(
        string id, PostMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, MessageRateLimiter limiter)
    {
        var author = user.UserName();
        limiter.Acquire(author);
        var message = await grains.Reference<IRoomGrain>(id).PostAsync(author, request.Text ?? "", request.ClientMessageId);
        return TypedResults.Created($"/api/rooms/{id}/messages?after={message.Seq - 1}&limit=1", message);
    }

    public static async Task<Ok<ChatMessage>> EditMessage(
        string id, long seq, EditMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, MessageRateLimiter limiter)
    {
        limiter.Acquire(user.UserName());
        return TypedResults.Ok(await grains.Reference<IRoomGrain>(id).EditAsync(user.UserName(), seq, request.Text ?? ""));
    }

    public static async Task<Ok<ChatMessage>> DeleteMessage(
        string id, long seq, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Reference<IRoomGrain>(id).DeleteMessageAsync(user.UserName(), seq));

    public static async Task<Results<Ok<RoomReadState>, ValidationProblem>> MarkRead(
        string id, MarkReadRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        request.Seq is { } seq
            ? TypedResults.Ok(await ReadMarker.MarkAsync(grains, user.UserName(), id, seq))
            : Invalid("seq", "Give the last seq read.");

    internal static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
