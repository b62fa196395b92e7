using Amazon.DynamoDBv2.Model;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Storage;
using Chat.Silo.Storage.DynamoDb;

namespace Chat.Tests.Storage;

/// <summary>How the batcher groups rooms' appends and settles each of them when a shared transaction fails.</summary>
public sealed class DynamoDbAppendBatcherTests
{
    private readonly List<string[]> _transactions = [];
    private readonly Queue<Func<IReadOnlyList<RoomAppend>, Task>> _answers = new();
    private readonly TaskCompletionSource _firstWrite = new();

    [Fact]
    public async Task AppendsThatArriveWhileAllTransactionsAreBusy_GoTogether_UpTo100Messages()
    {
        var batcher = Batcher(maxTransactions: 2);
        var first = batcher.AppendAsync("a", Messages("a", 1));
        var second = batcher.AppendAsync("b", Messages("b", 1));
        var queued = new[] { batcher.AppendAsync("c", Messages("c", 60)), batcher.AppendAsync("d", Messages("d", 40)), batcher.AppendAsync("e", Messages("e", 1)) };

        Assert.Equal([["a"], ["b"]], _transactions);
        _firstWrite.SetResult();
        await Task.WhenAll([first, second, .. queued]);

        Assert.Equal([["a"], ["b"], ["c", "d"], ["e"]], _transactions);
        Assert.Equal((4, 5), (batcher.Transactions, batcher.Appends));
    }

    [Fact]
    public async Task ARefusedItem_FailsItsRoomAlone_AndTheOthersAreWrittenAgain()
    {
        var batcher = Batcher(maxTransactions: 1);
        var opening = batcher.AppendAsync("opening", Messages("opening", 1));
        var clashing = batcher.AppendAsync("clashing", Messages("clashing", 2));
        var conflicting = batcher.AppendAsync("conflicting", Messages("conflicting", 1));
        var innocent = batcher.AppendAsync("innocent", Messages("innocent", 2));
        _answers.Enqueue(_ => throw Canceled("None", "ConditionalCheckFailed", "TransactionConflict", "None", "None"));

        _firstWrite.SetResult();
        await opening;
        var duplicate = await Assert.ThrowsAsync<DuplicateSeqException>(() => clashing);
        Assert.Contains("'clashing'", duplicate.Message);
        await Assert.ThrowsAsync<TransactionCanceledException>(() => conflicting);
        await innocent;

        Assert.Equal([["opening"], ["clashing", "conflicting", "innocent"], ["innocent"]], _transactions);
    }

    [Fact]
    public async Task AnyOtherError_FailsEveryAppendOfTheTransaction_AndTheNextAppendIsWrittenAnew()
    {
        var batcher = Batcher(maxTransactions: 1);
        var opening = batcher.AppendAsync("opening", Messages("opening", 1));
        var queued = new[] { batcher.AppendAsync("a", Messages("a", 1)), batcher.AppendAsync("b", Messages("b", 1)) };
        _answers.Enqueue(_ => throw new HttpRequestException("connection reset"));
        _answers.Enqueue(_ => throw Canceled("ConditionalCheckFailed"));

        _firstWrite.SetResult();
        await opening;
        foreach (var append in queued)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => append);
        }

        // A transaction whose reasons do not match its items is not guessed at: its appends fail with the error.
        await Assert.ThrowsAsync<TransactionCanceledException>(() => batcher.AppendAsync("c", Messages("c", 2)));
        await batcher.AppendAsync("d", Messages("d", 1));
        Assert.Equal([["opening"], ["a", "b"], ["c"], ["d"]], _transactions);
    }

    [Fact]
    public void AnAppendOfMoreThan100Messages_OrOfNone_IsRefused()
    {
        var batcher = Batcher(maxTransactions: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = batcher.AppendAsync("a", Messages("a", 101)); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = batcher.AppendAsync("a", []); });
        Assert.Empty(_transactions);
    }

    /// <summary>The first transactions (one per writer) wait for <see cref="_firstWrite"/>; later ones answer from <see cref="_answers"/>, else succeed.</summary>
    private DynamoDbAppendBatcher Batcher(int maxTransactions) => new(
        async appends =>
        {
            _transactions.Add([.. appends.Select(a => a.RoomId)]);
            if (_transactions.Count <= maxTransactions)
            {
                // Without the test's synchronization context the waiting writers go on inside SetResult, one after the
                // other on the test's thread, so the transactions are made in a fixed order.
                await _firstWrite.Task.ConfigureAwait(false);
            }
            else if (_answers.TryDequeue(out var answer))
            {
                await answer(appends).ConfigureAwait(false);
            }
        },
        maxTransactions);

    private static TransactionCanceledException Canceled(params string[] codes) =>
        new("Transaction cancelled") { CancellationReasons = [.. codes.Select(code => new CancellationReason { Code = code })] };

    private static ChatMessage[] Messages(string room, int count) =>
        [.. Enumerable.Range(1, count).Select(seq => new ChatMessage(room, seq, $"m-{room}-{seq}", "alice", "hello", DateTimeOffset.UnixEpoch, null))];
}
