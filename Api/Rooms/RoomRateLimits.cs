using System.Security.Claims;
using System.Threading.RateLimiting;
using Chat.Api.Auth;
using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chat.Api.Rooms;

/// <summary>
/// Per-user limits on creating rooms and adding members (ASP.NET Core's rate limiter, one fixed window per user and
/// minute, sizes from <see cref="ChatApiOptions"/>). Refusals answer 429 with problem details.
/// </summary>
public static class RoomRateLimits
{
    public const string Creation = "room-creation";
    public const string MemberAddition = "member-addition";

    public static RateLimiterOptions AddRoomPolicies(this RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.AddPolicy(Creation, context => PerUser(context, options => options.RoomCreationsPerMinute));
        limiter.AddPolicy(MemberAddition, context => PerUser(context, options => options.MemberAdditionsPerMinute));
        return limiter;
    }

    private static RateLimitPartition<string> PerUser(HttpContext context, Func<ChatApiOptions, int> permitsPerMinute)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ChatApiOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(
            context.User.FindFirstValue(TokenService.UserNameClaim) ?? "",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute(options),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
}
