using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.LoadTest.Client;

/// <summary>
/// A member on the official .NET SignalR client (WebSockets, no negotiation, the token in the <c>Authorization</c>
/// header): what an application would use. It costs the tool about 42-45 µs of CPU per delivery (its transport's
/// pipes, binding each event to objects, the handler's dispatch); <see cref="LeanChatConnection"/> is the cheaper
/// default.
/// </summary>
public sealed class SignalRChatConnection : IChatHubConnection
{
    private readonly string _userName;
    private readonly IDeliveryObserver _observer;
    private readonly HubConnection _connection;
    private string _roomId = "";

    public SignalRChatConnection(Uri hubUrl, string userName, string token, IDeliveryObserver observer)
    {
        _userName = userName;
        _observer = observer;
        _connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connection.ServerTimeout = TimeSpan.FromSeconds(60);
        _connection.On<DeliveredMessage>("MessageReceived", OnMessageReceived);
        _connection.Closed += error =>
        {
            _observer.OnClosed(error);
            return Task.CompletedTask;
        };
    }

    public async Task<long> ConnectAndJoinAsync(string roomId, CancellationToken cancellationToken)
    {
        _roomId = roomId;
        await _connection.StartAsync(cancellationToken);
        var reply = await _connection.InvokeAsync<JoinReply>("JoinRoom", roomId, cancellationToken);
        return reply.LastSeq;
    }

    public Task SendMessageAsync(string roomId, string text, string clientMessageId, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<SendReply>("SendMessage", roomId, text, clientMessageId, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private void OnMessageReceived(DeliveredMessage message)
    {
        var received = Stopwatch.GetTimestamp();
        if (string.Equals(message.RoomId, _roomId, StringComparison.Ordinal))
        {
            _observer.OnDelivered(message.Seq, string.Equals(message.Author, _userName, StringComparison.Ordinal), message.ClientMessageId, received);
        }
    }
}
