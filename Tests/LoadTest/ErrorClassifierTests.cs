using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class ErrorClassifierTests
{
    [Theory]
    [InlineData("An unexpected error occurred invoking 'SendMessage' on the server. HubException: RateLimited: Slow down.", "RateLimited")]
    [InlineData("Forbidden: You are not a member of this room.", "Forbidden")]
    [InlineData("Something else went wrong.", "HubError")]
    public void FromHubMessage_ReadsTheServerRefusalCode(string message, string expected)
    {
        Assert.Equal(expected, ErrorClassifier.FromHubMessage(message));
    }
}
