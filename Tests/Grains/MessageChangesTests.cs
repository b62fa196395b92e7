using System.Diagnostics.Metrics;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Encryption;
using Chat.Grains.Rooms;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Grains;

public sealed class MessageChangesTests : IDisposable
{
    private static readonly MessageTags Calm = new(MessageTags.Neutral, 0, false, []);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryMessageLog _log = new();
    private readonly List<RoomEvent> _announced = [];
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ChatMetrics _metrics;
    private readonly CommitPipeline _commits;
    private readonly MessageChanges _changes;

    public MessageChangesTests()
    {
        _metrics = new ChatMetrics(_services.GetRequiredService<IMeterFactory>());
        var protector = new MessageProtector(new MessageCipher(new MessageKeyRing(new Dictionary<string, byte[]> { ["k"] = new byte[32] }, "k")));
        _commits = new CommitPipeline(
            "r1", _log, protector, new RoomOptions(), m => m, p => _announced.Add(p.Event), () => { }, _metrics, _time, NullLogger.Instance);
        _changes = new MessageChanges("r1", _commits, _time);
    }

    [Fact]
    public async Task AHistoryReadPastTheWindow_CarriesTheCallersToken_ToTheStore()
    {
        for (var i = 0; i < new RoomOptions().RecentWindowSize + 5; i++)
        {
            await _commits.PostAsync("ann", $"m{i}", null, _time.GetUtcNow());
        }

        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var older = new MessageQuery(null, 3, 2);

        Assert.Equal(2, (await _commits.ReadAsync(older)).Count);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _commits.ReadAsync(older, gone.Token));
    }

    [Fact]
    public async Task AnEdit_ByTheAuthor_ReplacesTheTextAndDropsTheTags_OnceDurable()
    {
        var sent = await PostAsync("ann", "helo");
        await _changes.TagAsync(sent.Seq, sent.SentAt, Calm);
        _time.Advance(TimeSpan.FromSeconds(5));

        var edited = await _changes.EditAsync("ann", sent.Seq, "hello");

        Assert.Equal(("hello", _time.GetUtcNow(), (MessageTags?)null), (edited.Text, edited.EditedAt, edited.Tags));
        Assert.Equal(edited, _log.Stored.Single());
        Assert.Equal(edited, Assert.IsType<MessageEdited>(_announced[^1]).Message);
    }

    [Fact]
    public async Task OnlyTheAuthorEdits_AndOnlyTheAuthorOrTheOwnerDeletes()
    {
        var sent = await PostAsync("ann", "mine");

        Assert.Equal(ChatErrorCode.Forbidden, await RefusalAsync(() => _changes.EditAsync("bob", sent.Seq, "yours")));
        Assert.Equal(ChatErrorCode.Forbidden, await RefusalAsync(() => _changes.DeleteAsync("bob", callerOwnsRoom: false, sent.Seq)));

        var tombstone = await _changes.DeleteAsync("bob", callerOwnsRoom: true, sent.Seq);

        Assert.Equal(("", true), (tombstone.Text, tombstone.Deleted));
        Assert.Equal(tombstone, _log.Stored.Single());
        Assert.Equal(new MessageDeleted("r1", sent.Seq), _announced[^1]);
    }

    [Fact]
    public async Task AMessageThatIsNotStored_OrWasDeleted_DoesNotChange()
    {
        var sent = await PostAsync("ann", "gone soon");
        await _changes.DeleteAsync("ann", callerOwnsRoom: false, sent.Seq);

        Assert.Equal(ChatErrorCode.NotFound, await RefusalAsync(() => _changes.EditAsync("ann", 0, "x")));
        Assert.Equal(ChatErrorCode.NotFound, await RefusalAsync(() => _changes.EditAsync("ann", sent.Seq + 1, "x")));
        Assert.Equal(ChatErrorCode.NotFound, await RefusalAsync(() => _changes.EditAsync("ann", sent.Seq, "back")));
        Assert.Equal(ChatErrorCode.NotFound, await RefusalAsync(() => _changes.DeleteAsync("ann", callerOwnsRoom: true, sent.Seq)));
    }

    [Fact]
    public async Task Tags_AttachOnlyToTheVersionTheyWereComputedFor()
    {
        var sent = await PostAsync("ann", "first");
        _time.Advance(TimeSpan.FromSeconds(5));
        var edited = await _changes.EditAsync("ann", sent.Seq, "second");
        var announcedBefore = _announced.Count;

        await _changes.TagAsync(sent.Seq, sent.SentAt, Calm);
        await _changes.TagAsync(sent.Seq + 1, sent.SentAt, Calm);

        Assert.Equal(announcedBefore, _announced.Count);
        Assert.Null(_log.Stored.Single().Tags);

        await _changes.TagAsync(sent.Seq, edited.EditedAt!.Value, Calm);
        await _commits.DrainAsync();

        Assert.Equal(Calm, _log.Stored.Single().Tags);
        Assert.Equal(new MessageTagged("r1", sent.Seq, Calm), _announced[^1]);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    private Task<ChatMessage> PostAsync(string author, string text) => _commits.PostAsync(author, text, null, RoomRules.MessageTime(_time));

    private static async Task<ChatErrorCode> RefusalAsync(Func<Task> action) => (await Assert.ThrowsAsync<ChatException>(action)).Code;
}
