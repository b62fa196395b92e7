using System.Security.Claims;
using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Api.Me;

/// <summary><c>/api/me</c>: the caller's own profile.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        group.MapGet("/", GetMe).WithName("GetMe");
        return group;
    }

    public static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(ClaimsPrincipal user, IGrainFactory grains)
    {
        var userName = user.UserName();
        var profile = await grains.GetGrain<IUserGrain>(userName).GetProfile();
        if (profile is null)
        {
            return TypedResults.NotFound();
        }

        var mine = profile.Rooms.ToHashSet(StringComparer.Ordinal);
        var visible = await grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).List(userName);
        return TypedResults.Ok(new MeResponse(profile.UserName, profile.DisplayName, profile.CreatedAt, [.. visible.Where(r => mine.Contains(r.Id))]));
    }
}
