using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class RoomGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Post_MessagesArrivingTogether_AreGroupCommittedWithConsecutiveSeqs()
    {
        var (room, _, owner) = await fixture.NewRoomAsync();
        var roomId = room.GetPrimaryKeyString();
        var gate = FaultInjectingMessageLog.HoldAppends(roomId);

        var first = room.PostAsync(owner, "first", null);
        await WaitForAsync(() => FaultInjectingMessageLog.AppendCount(roomId) == 1, "the first append to start");
        var clockReads = CountingTimeProvider.Reads;
        var rest = Enumerable.Range(2, 49).Select(i => room.PostAsync(owner, $"m{i}", null)).ToArray();
        await WaitForAsync(() => CountingTimeProvider.Reads >= clockReads + 49, "the room to number all 49 queued messages");
        gate.SetResult();
        var stored = await Task.WhenAll(rest.Prepend(first));

        // Concurrent calls may arrive in any order; the room numbers them in the order it receives them.
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), stored.Select(m => m.Seq).Order());
        Assert.Equal(1, stored[0].Seq);
        Assert.Equal(2, FaultInjectingMessageLog.AppendCount(roomId));
        var history = await room.GetHistoryAsync(owner, new MessageQuery(0, null, 200));
        Assert.Equal(stored.OrderBy(m => m.Seq).Untagged(), history.Untagged());
    }

    [Fact]
    public async Task Post_WhenTheStoreFails_TellsTheSenderToRetry_AndLeavesNoGap()
    {
        var (room, _, owner) = await fixture.NewRoomAsync();
        var roomId = room.GetPrimaryKeyString();
        await room.PostAsync(owner, "stored", "a");
        FaultInjectingMessageLog.FailNextAppends(roomId, 1);

        var error = await Assert.ThrowsAsync<ChatException>(() => room.PostAsync(owner, "lost on the first try", "b"));
        var retried = await RetryWhileUnavailableAsync(() => room.PostAsync(owner, "lost on the first try", "b"));
        var next = await room.PostAsync(owner, "after", "c");

        Assert.Equal(ChatErrorCode.Unavailable, error.Code);
        Assert.Equal(2, retried.Seq);
        Assert.Equal(3, next.Seq);
        Assert.Equal(["stored", "lost on the first try", "after"], (await room.GetHistoryAsync(owner, MessageQuery.Newest(10))).Select(m => m.Text));
    }

    /// <summary>What a client does with <c>Unavailable</c>: sends again with the same client message id, for a bounded time.</summary>
    private static async Task<ChatMessage> RetryWhileUnavailableAsync(Func<Task<ChatMessage>> send)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                return await send();
            }
            catch (ChatException refused) when (refused.Code == ChatErrorCode.Unavailable && DateTime.UtcNow < deadline)
            {
                // The room re-reads its store after a failed write before it takes sends again.
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Post_AfterTheRoomReactivates_ContinuesSeqAndRecognisesOldClientIds()
    {
        var (room, _, owner) = await fixture.NewRoomAsync();
        var original = await room.PostAsync(owner, "before", "same-id");
        await room.PostAsync(owner, "second", null);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var retry = await room.PostAsync(owner, "before", "same-id");
        var next = await room.PostAsync(owner, "after", null);

        Assert.Equal(original.Untagged(), retry.Untagged());
        Assert.Equal(3, next.Seq);
    }

    [Fact]
    public async Task Join_AfterReactivation_ReturnsTheLastWindowFromTheStore()
    {
        var (room, roomId, owner) = await fixture.NewRoomAsync();
        for (var i = 1; i <= 120; i++)
        {
            await room.PostAsync(owner, $"m{i}", null);
        }

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var joined = await room.JoinAsync(owner, RecordingEventSink.Listen(fixture.Cluster.GetActiveSilos().First().SiloAddress, Topic.Room(roomId), owner));
        var older = await room.GetHistoryAsync(owner, new MessageQuery(null, 21, 20));

        Assert.Equal(120, joined.LastSeq);
        Assert.Equal(Enumerable.Range(21, 100).Select(i => $"m{i}"), joined.Messages.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), older.Select(m => m.Seq));
    }

    [Fact]
    public async Task Post_InPrivateRoom_ByNonMember_IsRejected()
    {
        var (room, _, _) = await fixture.NewRoomAsync(isPrivate: true);

        var error = await Assert.ThrowsAsync<ChatException>(() => room.PostAsync("someone-else", "hi", null));

        Assert.Equal(ChatErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task Create_Twice_IsAConflict()
    {
        var (room, _, owner) = await fixture.NewRoomAsync();

        var error = await Assert.ThrowsAsync<ChatException>(() => room.CreateAsync(owner, new RoomSettings("again", null, false)));

        Assert.Equal(ChatErrorCode.Conflict, error.Code);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }
}
