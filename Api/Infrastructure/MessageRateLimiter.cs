using System.Threading.RateLimiting;
using Chat.Grains.Abstractions.Errors;
using Microsoft.Extensions.Options;

namespace Chat.Api.Infrastructure;

/// <summary>One token bucket per user, shared by REST posts and hub sends.</summary>
public sealed class MessageRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public MessageRateLimiter(IOptions<ChatApiOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(
            user,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.MessageBurst,
                TokensPerPeriod = limits.MessagesPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Takes one send from the user's budget or throws a rate-limited <see cref="ChatException"/>.</summary>
    public void Acquire(string user)
    {
        using var lease = _limiter.AttemptAcquire(user);
        if (!lease.IsAcquired)
        {
            throw new ChatException(ChatErrorCode.RateLimited, "Too many messages: slow down and try again in a moment.");
        }
    }

    public void Dispose() => _limiter.Dispose();
}
