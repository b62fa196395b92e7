using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class ClientMessageIdTests
{
    [Fact]
    public void ToString_TryParse_RoundTrip_AndFitsTheServerLimit()
    {
        var id = new ClientMessageId("ab12cd34", 1999, 60_000, long.MaxValue);

        var text = id.ToString();

        Assert.True(text.Length <= 64);
        Assert.True(ClientMessageId.TryParse(text, "ab12cd34", out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(ClientMessageId.TryParse(text, "ffffffff", out _));
        Assert.False(ClientMessageId.TryParse("c1", "ab12cd34", out _));
        Assert.False(ClientMessageId.TryParse(ReadOnlySpan<char>.Empty, "ab12cd34", out _));
    }
}
