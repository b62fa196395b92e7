using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Rooms;

namespace Chat.Tests.Grains;

public sealed class RoomPublisherTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ANewMessageThatMentionsSomeone_MakesADraftQuotingIt_AndSayingWhetherTheRoomIsPrivate()
    {
        var draft = RoomPublisher.Mention("r1", Message("hi @bob"), mentioned: 1, isPrivate: true);

        Assert.NotNull(draft);
        Assert.Equal(("r1", 7L, "ann", "hi @bob", SentAt, true), (draft.RoomId, draft.Seq, draft.From, draft.Excerpt, draft.SentAt, draft.IsPrivate));
    }

    [Fact]
    public void ALongMessage_IsQuotedUpToTheExcerptLength_WithAnEllipsis()
    {
        var text = "@bob " + new string('x', RoomPublisher.ExcerptLength);

        var draft = RoomPublisher.Mention("r1", Message(text), mentioned: 1, isPrivate: false);

        Assert.Equal(text[..RoomPublisher.ExcerptLength] + "…", draft?.Excerpt);
    }

    [Fact]
    public void AnEdit_OrAMessageThatTellsNobody_MakesNoDraft()
    {
        Assert.Null(RoomPublisher.Mention("r1", Message("hi @bob") with { EditedAt = SentAt.AddSeconds(1) }, mentioned: 1, isPrivate: false));
        Assert.Null(RoomPublisher.Mention("r1", Message("hi @bob"), mentioned: 0, isPrivate: false));
    }

    private static ChatMessage Message(string text) => new("r1", 7, "id-7", "ann", text, SentAt, null);
}
