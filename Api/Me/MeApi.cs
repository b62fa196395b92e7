using System.Security.Claims;
using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Api.Me;

/// <summary><c>/api/me</c>: the caller's own profile, unread counts and notifications.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        group.MapGet("/", GetMe).WithName("GetMe");
        group.MapGet("/notifications", GetNotifications).WithName("GetNotifications");
        group.MapPost("/notifications/read", MarkNotificationsRead).WithName("MarkNotificationsRead");
        return group;
    }

    public static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(ClaimsPrincipal user, IGrainFactory grains)
    {
        var userName = user.UserName();
        var profile = await grains.Reference<IUserGrain>(userName).GetProfileAsync();
        if (profile is null)
        {
            return TypedResults.NotFound();
        }

        var reads = (profile.ReadStates ?? []).ToDictionary(r => r.RoomId, StringComparer.Ordinal);
        var mine = (await grains.Reference<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).MineAsync(userName))
            .Where(r => reads.ContainsKey(r.Id)).ToArray();
        var lastSeqs = await Task.WhenAll(mine.Select(r => grains.Reference<IRoomGrain>(r.Id).GetLastSeqAsync()));
        var rooms = mine.Select((room, i) =>
        {
            var read = reads[room.Id];
            return new MyRoom(room.Id, room.Name, room.Topic, room.IsPrivate, room.Owner, lastSeqs[i], read.LastReadSeq, Math.Max(0, lastSeqs[i] - read.LastReadSeq), read.UnreadMentions);
        }).ToArray();
        return TypedResults.Ok(new MeResponse(profile.UserName, profile.DisplayName, profile.Email, profile.CreatedAt, rooms));
    }

    /// <summary>The user grain checks the limit; its refusal becomes 400.</summary>
    public static async Task<Ok<NotificationPage>> GetNotifications(
        long? before, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Reference<IUserGrain>(user.UserName())
            .GetNotificationsAsync(before, limit ?? ChatLimits.DefaultNotificationPageSize));

    public static async Task<Ok<UnreadNotifications>> MarkNotificationsRead(
        MarkNotificationsReadRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(new UnreadNotifications(await grains.Reference<IUserGrain>(user.UserName()).MarkNotificationsReadAsync(request?.UpTo)));
}
