using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace Chat.Grains.Users;

/// <summary>
/// Reads a user's record straight from the grain storage. Only existence is asked, and a user is never deleted, so
/// reading beside the grain (its single writer) is safe: a token is issued only once the record is written.
/// </summary>
[StatelessWorker]
public sealed class UserLookupGrain([FromKeyedServices(ChatNames.GrainStorage)] IGrainStorage storage) : Grain, IUserLookupGrain
{
    public async Task<bool> ExistsAsync(string userName)
    {
        var record = new GrainState<UserState>(new UserState());
        await storage.ReadStateAsync(UserState.StateName, GrainFactory.Reference<IUserGrain>(userName).GetGrainId(), record);
        return record.RecordExists;
    }
}
