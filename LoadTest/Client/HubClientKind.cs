namespace Chat.LoadTest.Client;

/// <summary>Which client the tool's members connect with (<c>--client</c>).</summary>
public enum HubClientKind
{
    /// <summary><see cref="LeanChatConnection"/>: the hub protocol over a bare WebSocket, read in place (the default).</summary>
    Lean,

    /// <summary><see cref="SignalRChatConnection"/>: the official .NET SignalR client, as an application would use it.</summary>
    SignalR,
}
