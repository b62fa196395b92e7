using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Users;
using Microsoft.Extensions.Caching.Memory;

namespace Chat.Api.Auth;

/// <summary>
/// Whether a token's subject is a registered user. Read from the store once (<see cref="IUserLookupGrain"/>, which
/// does not activate the user's grain, so an idle connection does not keep it), then remembered for a few minutes
/// (users are never deleted while a silo runs; a data reset restarts the silos and empties this), so a request costs
/// nothing in the common case. Only known users are remembered.
/// </summary>
public sealed class KnownUsers(IGrainFactory grains) : IDisposable
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async ValueTask<bool> ExistsAsync(string userName)
    {
        if (_known.TryGetValue(userName, out _))
        {
            return true;
        }

        if (!await grains.Reference<IUserLookupGrain>(0).ExistsAsync(userName))
        {
            return false;
        }

        _known.Set(userName, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });
        return true;
    }

    public void Dispose() => _known.Dispose();
}
