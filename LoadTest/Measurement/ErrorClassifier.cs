using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace Chat.LoadTest.Measurement;

/// <summary>Names a failed send for the error table: the server's refusal code, or what went wrong on the way.</summary>
public static partial class ErrorClassifier
{
    public static string Classify(Exception error) => error switch
    {
        HubException hub => FromHubMessage(hub.Message),
        OperationCanceledException or TimeoutException => "Timeout",
        InvalidOperationException => "NotConnected",
        WebSocketException or IOException or HttpRequestException => "Connection",
        _ => error.GetType().Name,
    };

    /// <summary>Hub refusals end with <c>{Code}: {message}</c>; the code names the error.</summary>
    public static string FromHubMessage(string message)
    {
        var match = CodePattern().Match(message);
        return match.Success ? match.Groups["code"].Value : "HubError";
    }

    [GeneratedRegex(@"\b(?<code>Invalid|NotFound|Forbidden|Conflict|RateLimited|Unavailable|Unauthorized): ")]
    private static partial Regex CodePattern();
}
