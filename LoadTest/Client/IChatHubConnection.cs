namespace Chat.LoadTest.Client;

/// <summary>
/// One member's hub connection, as the load tool uses it: connect and join one room, send messages to it, and report
/// the room's messages to an <see cref="IDeliveryObserver"/>. Failed calls throw what the official client throws
/// (<see cref="Microsoft.AspNetCore.SignalR.HubException"/> for a refusal), so <see cref="Measurement.ErrorClassifier"/>
/// names them alike.
/// </summary>
public interface IChatHubConnection : IAsyncDisposable
{
    /// <summary>Connects, joins <paramref name="roomId"/> and returns the room's last seq.</summary>
    Task<long> ConnectAndJoinAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Sends a message; returns when the server acknowledged it (stored).</summary>
    Task SendMessageAsync(string roomId, string text, string clientMessageId, CancellationToken cancellationToken);

    /// <summary>Creates the connection <paramref name="kind"/> names.</summary>
    static IChatHubConnection Create(HubClientKind kind, Uri hubUrl, string userName, string token, IDeliveryObserver observer) => kind switch
    {
        HubClientKind.SignalR => new SignalRChatConnection(hubUrl, userName, token, observer),
        _ => new LeanChatConnection(hubUrl, userName, token, observer),
    };
}
