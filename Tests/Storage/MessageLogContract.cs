using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;

namespace Chat.Tests.Storage;

/// <summary>
/// What every <see cref="IMessageLog"/> must do. Each store's test class only says how to build it, so the embedded
/// store and the DynamoDB store are held to the same scenarios.
/// </summary>
public abstract class MessageLogContract
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_123);

    /// <summary>The store under test.</summary>
    protected abstract IMessageLog Log { get; }

    [Fact]
    public async Task Append_ThenReadNewest_ReturnsTheMessagesAscendingWithEveryField()
    {
        var room = NewRoom();
        var messages = new[] { Message(room, 1, "alice", "cid-1"), Message(room, 2, "bob", null), Message(room, 3, "alice", "cid-3") };

        await Log.AppendAsync(room, messages);

        Assert.Equal(messages, await Log.ReadAsync(room, MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task Append_WithDuplicateSeq_IsRefusedAndStoresNothing()
    {
        var room = NewRoom();
        var stored = Range(room, 1, 3);
        await Log.AppendAsync(room, stored);

        await Assert.ThrowsAsync<DuplicateSeqException>(() => Log.AppendAsync(room, Range(room, 3, 5, text: "retry")));

        Assert.Equal(stored, await Log.ReadAsync(room, new MessageQuery(0, null, 100)));
    }

    [Fact]
    public async Task Append_LargeBatchWithDuplicateSeqInItsLaterPart_IsRefusedAndStoresNothing()
    {
        var room = NewRoom();
        var existing = Message(room, 120, "carol", null);
        await Log.AppendAsync(room, [existing]);

        await Assert.ThrowsAsync<DuplicateSeqException>(() => Log.AppendAsync(room, Range(room, 1, 150)));

        Assert.Equal([existing], await Log.ReadAsync(room, new MessageQuery(0, null, MessageQuery.MaxLimit)));
    }

    [Fact]
    public async Task Append_LargeBatch_StoresEveryMessage()
    {
        var room = NewRoom();
        var messages = Range(room, 1, 250);

        await Log.AppendAsync(room, messages);

        Assert.Equal(messages[..200], await Log.ReadAsync(room, new MessageQuery(0, null, 200)));
        Assert.Equal(messages[200..], await Log.ReadAsync(room, new MessageQuery(200, null, 200)));
    }

    [Fact]
    public async Task Update_ReplacesTextEditMarkTombstoneTagsAndKeyId()
    {
        var room = NewRoom();
        var original = Message(room, 1, "alice", "cid-1");
        await Log.AppendAsync(room, [original, Message(room, 2, "bob", null)]);
        var tags = new MessageTags(MessageTags.Negative, -0.5, true, [new TextRange(0, 4), new TextRange(6, 3)]);

        var edited = original with { Text = "v1:k:AAAA", EditedAt = Epoch.AddMinutes(1), Tags = tags, EncryptionKeyId = "k" };
        await Log.UpdateAsync(room, [edited]);
        var afterEdit = await Log.ReadAsync(room, new MessageQuery(0, null, 1));
        var tombstone = edited with { Text = "", Deleted = true, Tags = null, EncryptionKeyId = null };
        await Log.UpdateAsync(room, [tombstone]);

        Assert.Equal([edited], afterEdit);
        Assert.Equal(tombstone, (await Log.ReadAsync(room, new MessageQuery(0, null, 1)))[0]);
        Assert.Equal(2, (await Log.ReadAsync(room, MessageQuery.Newest(10))).Count);
    }

    [Fact]
    public async Task Update_ThatNamesAMessageNotStored_FailsAndChangesNothing()
    {
        var room = NewRoom();

        var stored = Message(room, 1, "alice", null);
        await Log.AppendAsync(room, [stored]);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Log.UpdateAsync(room, [stored with { Text = "changed" }, Message(room, 7, "alice", null)]));

        Assert.Equal([stored], await Log.ReadAsync(room, MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task Update_ManyMessagesAtOnce_ReplacesEachOfThem()
    {
        var room = NewRoom();
        var stored = Range(room, 1, 5);
        await Log.AppendAsync(room, stored);
        var tags = new MessageTags(MessageTags.Neutral, 0, false, []);

        await Log.UpdateAsync(room, [.. stored.Select(m => m with { Tags = tags })]);

        Assert.All(await Log.ReadAsync(room, MessageQuery.Newest(10)), m => Assert.Equal(tags, m.Tags));
    }

    [Fact]
    public async Task Read_After_ReturnsThePageStartingJustAfterIt()
    {
        var (room, messages) = await RoomWithTenMessages();

        var page = await Log.ReadAsync(room, new MessageQuery(3, null, 4));

        Assert.Equal(messages[3..7], page);
    }

    [Fact]
    public async Task Read_Before_ReturnsTheNewestPageBelowItAscending()
    {
        var (room, messages) = await RoomWithTenMessages();

        var page = await Log.ReadAsync(room, new MessageQuery(null, 8, 3));

        Assert.Equal(messages[4..7], page);
    }

    [Fact]
    public async Task Read_Newest_ReturnsTheLatestPageAscending()
    {
        var (room, messages) = await RoomWithTenMessages();

        var page = await Log.ReadAsync(room, MessageQuery.Newest(3));

        Assert.Equal(messages[7..], page);
    }

    [Fact]
    public async Task Read_AfterAndBefore_ReturnsOnlyMessagesBetweenThemUpToTheLimit()
    {
        var (room, messages) = await RoomWithTenMessages();

        Assert.Equal(messages[2..5], await Log.ReadAsync(room, new MessageQuery(2, 6, 10)));
        Assert.Equal(messages[2..4], await Log.ReadAsync(room, new MessageQuery(2, 6, 2)));
        Assert.Empty(await Log.ReadAsync(room, new MessageQuery(4, 5, 10)));
    }

    [Fact]
    public async Task Read_PastTheEnd_OrOfAnEmptyRoom_ReturnsNothing()
    {
        var (room, _) = await RoomWithTenMessages();

        Assert.Empty(await Log.ReadAsync(room, new MessageQuery(10, null, 10)));
        Assert.Empty(await Log.ReadAsync(room, new MessageQuery(null, 1, 10)));
        Assert.Empty(await Log.ReadAsync(NewRoom(), MessageQuery.Newest(10)));
    }

    [Fact]
    public async Task ReadClientMessageKeys_ReturnsOnlyKeyedMessagesAfterTheSeq()
    {
        var room = NewRoom();
        await Log.AppendAsync(room,
        [
            Message(room, 1, "alice", "a-1"),
            Message(room, 2, "bob", "b-1"),
            Message(room, 3, "alice", null),
            Message(room, 4, "alice", "a-2"),
            Message(room, 5, "bob", "b-2"),
        ]);

        var keys = await Log.ReadClientMessageKeysAsync(room, 2);

        Assert.Equal([new ClientMessageKey(4, "alice", "a-2"), new ClientMessageKey(5, "bob", "b-2")], keys);
    }

    [Fact]
    public async Task DeleteRoom_RemovesItsWholeHistoryAndNothingElse()
    {
        var room = NewRoom();
        var other = NewRoom();
        await Log.AppendAsync(room, Range(room, 1, 60));
        var kept = Range(other, 1, 3);
        await Log.AppendAsync(other, kept);

        await Log.DeleteRoomAsync(room);

        Assert.Empty(await Log.ReadAsync(room, MessageQuery.Newest(MessageQuery.MaxLimit)));
        Assert.Empty(await Log.ReadClientMessageKeysAsync(room, 0));
        Assert.Equal(kept, await Log.ReadAsync(other, MessageQuery.Newest(10)));
        await Log.AppendAsync(room, Range(room, 1, 1));
    }

    [Fact]
    public async Task Rooms_WithTheSameSeqs_AreIsolatedFromEachOther()
    {
        var first = NewRoom();
        var second = NewRoom();
        var firstMessages = Range(first, 1, 3, text: "first");
        var secondMessages = Range(second, 1, 3, text: "second");

        await Log.AppendAsync(first, firstMessages);
        await Log.AppendAsync(second, secondMessages);

        Assert.Equal(firstMessages, await Log.ReadAsync(first, MessageQuery.Newest(10)));
        Assert.Equal(secondMessages, await Log.ReadAsync(second, MessageQuery.Newest(10)));
        Assert.Equal(secondMessages[1..], await Log.ReadAsync(second, new MessageQuery(1, null, 10)));
    }

    private async Task<(string Room, ChatMessage[] Messages)> RoomWithTenMessages()
    {
        var room = NewRoom();
        var messages = Range(room, 1, 10);
        await Log.AppendAsync(room, messages);
        return (room, messages);
    }

    protected static string NewRoom() => $"room-{Guid.NewGuid():N}";

    protected static ChatMessage[] Range(string room, long first, long last, string text = "hello") =>
        [.. Enumerable.Range(0, (int)(last - first + 1)).Select(i => Message(room, first + i, "alice", $"c-{first + i}", $"{text} {first + i}"))];

    private static ChatMessage Message(string room, long seq, string author, string? clientMessageId, string? text = null) => new(
        room,
        seq,
        $"m-{Guid.NewGuid():N}",
        author,
        text ?? $"message {seq} — ünïcode ✓",
        Epoch.AddMilliseconds(seq * 1_001),
        clientMessageId);
}
