using System.Diagnostics.Metrics;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Telemetry;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Chat.Tests.Api;

/// <summary>
/// What a message (a positive one: analysis tags it), a join, a read mark and a connection cost in store requests, counted by the silo's own store decorators
/// (<c>chat.store.requests</c>) on a real front silo. The figures feed docs/performance.md ("Store requests and what
/// they cost"); the test prints them and holds the bounds the cost estimate relies on.
/// </summary>
public sealed class StoreRequestTests(ITestOutputHelper output) : OwnAppTests(new Dictionary<string, string?>())
{
    private const int Messages = 20;
    private const int Reconnections = 10;

    [Fact]
    public async Task AMessageCostsAnAppendAndATagUpdate_ReadMarksOneDeferredStateWrite_AndConnectionsNothingOnceTheGrainsAreActive()
    {
        using var counter = new StoreRequestCounter(Factory.Services.GetRequiredService<IMeterFactory>());
        using var alice = await Factory.NewClient().RegisterAsync();
        using var bob = await Factory.NewClient().RegisterAsync();
        var room = await alice.CreateRoomAsync();
        output.WriteLine($"register two users and create a room: {StoreRequestCounter.Describe(counter.Take())}");

        await using var aliceHub = await alice.Hub().StartAsync();
        await aliceHub.JoinAsync(room.Id);
        await using (var first = await bob.Hub().StartAsync())
        {
            await first.JoinAsync(room.Id);
        }

        var firstJoins = counter.Take();
        output.WriteLine($"two connections, two first joins: {StoreRequestCounter.Describe(firstJoins)}");

        for (var i = 0; i < Reconnections; i++)
        {
            await using var again = await bob.Hub().StartAsync();
            await again.JoinAsync(room.Id);
            await again.LeaveAsync(room.Id);
        }

        var reconnections = counter.Take();
        output.WriteLine($"{Reconnections} connections that join, leave and close: {StoreRequestCounter.Describe(reconnections)}");

        for (var i = 1; i <= Messages; i++)
        {
            await aliceHub.SendAsync(room.Id, $"message {i} is a good one");
        }

        for (var seq = 1L; seq <= Messages; seq++)
        {
            var expected = seq;
            await aliceHub.WaitForEventAsync("MessageTagged", e => e.Arg<long>(1) == expected);
        }

        var posting = counter.Take();
        output.WriteLine($"{Messages} messages sent one after another, all tagged: {StoreRequestCounter.Describe(posting)}");

        await using var bobHub = await bob.Hub().StartAsync();
        await bobHub.JoinAsync(room.Id);
        counter.Take();
        for (var seq = 1L; seq <= Messages; seq++)
        {
            await bobHub.InvokeAsync<RoomReadState>("MarkRead", room.Id, seq);
        }

        var readMarks = counter.Take();
        output.WriteLine($"a reader marking each of the {Messages} messages read: {StoreRequestCounter.Describe(readMarks)}");

        Assert.Empty(reconnections);
        // Read positions wait up to Chat:Users:ReadPositionWriteDelay (5 s): twenty marks are none or one write.
        Assert.InRange(readMarks.GetValueOrDefault(StoreRequestKinds.StateWrite), 0, 1);
        Assert.Equal(Messages, posting.GetValueOrDefault(StoreRequestKinds.MessageAppend));
        Assert.InRange(posting.GetValueOrDefault(StoreRequestKinds.MessageUpdate), 1, Messages);
        Assert.Equal(
            new[] { StoreRequestKinds.MessageAppend, StoreRequestKinds.MessageUpdate },
            posting.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(StoreRequestKinds.StateWrite, posting.Keys);
        Assert.True(firstJoins.GetValueOrDefault(StoreRequestKinds.StateWrite) <= 2, "a first join writes at most the joining user's room list");
    }

    [Fact]
    public async Task Reconnections_OfAUserWhoseGrainIsAsleep_ThatJoinARoomJoinedBefore_CostNoStoreRequest()
    {
        using var counter = new StoreRequestCounter(Factory.Services.GetRequiredService<IMeterFactory>());
        using var bob = await Factory.NewClient().RegisterAsync();
        var room = await bob.CreateRoomAsync();
        // The token's user is read from the store once (then remembered by the silo), and the room lists itself for
        // bob at the first join (then remembers that while it is active).
        await using (var first = await bob.Hub().StartAsync())
        {
            await first.JoinAsync(room.Id);
        }

        var grains = Factory.Services.GetRequiredService<IGrainFactory>();
        var user = grains.GetGrain<IUserGrain>(bob.UserName);
        await GrainActivations.PutToSleepAsync(grains, user);
        counter.Take();
        for (var i = 0; i < Reconnections; i++)
        {
            await using var again = await bob.Hub().StartAsync();
            await again.JoinAsync(room.Id);
        }

        var reconnections = counter.Take();
        output.WriteLine($"{Reconnections} connections that join a room, of a user whose grain is asleep: {StoreRequestCounter.Describe(reconnections)}");
        Assert.Empty(reconnections);
    }
}
