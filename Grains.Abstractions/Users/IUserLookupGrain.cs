using Orleans.Concurrency;

namespace Chat.Grains.Abstractions.Users;

/// <summary>
/// Whether a user exists, read from the store without activating the user's grain (a stateless worker on the
/// caller's silo; key 0). For checks that run on every new connection, such as a token's subject, so that an idle
/// connection does not keep its user's grain in memory.
/// </summary>
[Alias("chat.user-lookup")]
public interface IUserLookupGrain : IGrainWithIntegerKey
{
    [Alias("exists"), ReadOnly]
    Task<bool> ExistsAsync(string userName);
}
