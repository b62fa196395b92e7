using Chat.Tests.ClusterProcesses;
using Orleans.Core.Internal;

namespace Chat.Tests.Infrastructure;

/// <summary>How many activations a grain has, and putting one to sleep (its deactivation runs after the call returns).</summary>
public static class GrainActivations
{
    public static Task<int> CountAsync(IGrainFactory grains, IAddressable grain) =>
        grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)grain);

    /// <summary>Deactivates the grain and waits (bounded) until no activation of it is left.</summary>
    public static async Task PutToSleepAsync(IGrainFactory grains, IAddressable grain)
    {
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Poll.UntilAsync(async () => await CountAsync(grains, grain) == 0, TimeSpan.FromSeconds(15), $"deactivated {grain.GetGrainId()}");
    }
}
