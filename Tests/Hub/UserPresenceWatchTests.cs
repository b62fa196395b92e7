using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Delivery;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Hub;

/// <summary>
/// A front silo reports a user's connections to the user's grain only while that grain watches the silo (from its
/// activation to its deactivation), and checks a token's user in the store, so a connection never activates the grain,
/// and an activation still knows who is connected. Against a real front silo of its own (the test collects activations).
/// </summary>
public sealed class UserPresenceWatchTests() : OwnAppTests(new Dictionary<string, string?>())
{
    /// <summary>A hub call that touches no grain: once it returns, the server has finished connecting the caller.</summary>
    private const string NoRoom = "r-none";

    [Fact]
    public async Task AConnection_NeverActivatesItsUsersGrain_WhichLearnsWhoIsConnectedWhenItActivates_AndEachChangeWhileActive()
    {
        using var bob = await Factory.NewClient().RegisterAsync();
        var room = await bob.CreateRoomAsync();
        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var user = grains.GetGrain<IUserGrain>(bob.UserName);
        var topic = Topic.User(bob.UserName);
        var here = grains.GetGrain<ISiloConnectionsGrain>(SiloKeys.Connections(Factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress));

        // A first join puts the room in bob's list; the room remembers that while it stays active.
        await using (var first = await bob.Hub().StartAsync())
        {
            await first.JoinAsync(room.Id);
        }

        await PutToSleepAsync();
        var phone = await bob.Hub().StartAsync();
        await phone.JoinAsync(room.Id);
        await using var laptop = await bob.Hub().StartAsync();
        await laptop.JoinAsync(room.Id);
        Assert.Equal(0, await ActivationsAsync());
        Assert.Equal([bob.UserName], (await here.GetPresenceAsync(topic)).Users);

        // The grain activates (here for a mention) and asks this silo, which answers and reports from now on.
        var result = await user.NotifyAsync(Mention(1));
        Assert.True(result.Online);
        await phone.WaitForEventAsync("NotificationReceived");
        await laptop.WaitForEventAsync("NotificationReceived");

        // A late "stop" of an earlier activation does not stop this one's reports.
        await here.UnwatchAsync(topic, Guid.NewGuid());
        await phone.DisposeAsync();
        await laptop.DisposeAsync();
        await Poll.UntilAsync(async () => !(await user.NotifyAsync(Mention(2))).Online, TimeSpan.FromSeconds(15), "told the grain that bob left");

        await using var again = await bob.Hub().StartAsync();
        await again.LeaveAsync(NoRoom);
        Assert.True((await user.NotifyAsync(Mention(3))).Online);

        // Deactivated, the grain stops the reports: connecting and joining cost it nothing again.
        await PutToSleepAsync();
        await using var later = await bob.Hub().StartAsync();
        await later.JoinAsync(room.Id);
        Assert.Equal(0, await ActivationsAsync());

        Task<int> ActivationsAsync() => GrainActivations.CountAsync(grains, user);

        Task PutToSleepAsync() => GrainActivations.PutToSleepAsync(grains, user);
    }

    private static MentionDraft Mention(long seq) => new("r-watch", seq, "alice", "ping", DateTimeOffset.UtcNow);
}
