using Chat.LoadTest.Cli;

namespace Chat.Tests.LoadTest;

public sealed class LoopbackUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://127.45.6.7:8080/chat", "http://127.45.6.7:8080/chat/")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    [InlineData("https://LOCALHOST", "https://localhost/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    public void TryParse_LoopbackHost_IsAccepted_WithTrailingSlash(string text, string expected)
    {
        Assert.True(LoopbackUrl.TryParse(text, out var url, out var error), error);
        Assert.Equal(expected, url.ToString());
    }

    [Theory]
    [InlineData("http://10.0.0.5:5000")]
    [InlineData("http://192.168.1.10")]
    [InlineData("http://172.16.0.1")]
    [InlineData("http://8.8.8.8")]
    [InlineData("http://128.0.0.1")]
    [InlineData("http://example.com")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://127.0.0.1.example.com")]
    [InlineData("http://[::ffff:127.0.0.1]")]
    [InlineData("http://[fe80::1]")]
    [InlineData("http://0.0.0.0:5000")]
    public void TryParse_HostOffThisMachine_IsRefused_WithClearError(string text)
    {
        Assert.False(LoopbackUrl.TryParse(text, out var url, out var error));
        Assert.Null(url);
        Assert.Contains("only targets this machine", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("ws://127.0.0.1")]
    public void TryParse_NotAnHttpUrl_IsRefused(string text)
    {
        Assert.False(LoopbackUrl.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
