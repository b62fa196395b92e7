using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Hub;

/// <summary>
/// A client that stops reading cannot make the server queue for it without bound: once what waits for it passes
/// <c>Chat:Api:MaxQueuedBytesPerConnection</c>, the server drops it, and the room's other clients get every message.
/// </summary>
public sealed class SlowReaderTests : IAsyncLifetime
{
    private const int QueueLimit = 64 * 1024;
    private const int Messages = 1500;
    private readonly TempDirectory _data = new();
    private ChatAppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ChatAppFactory(_data.Path, new Dictionary<string, string?>
        {
            ["Chat:Api:MaxQueuedBytesPerConnection"] = QueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chat:Api:TransportBufferBytes"] = "16384",
        });
        _ = _factory.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task AClientThatStopsReading_IsDropped_WhileTheRoomsOtherClientsGetEveryMessage()
    {
        using var alice = await _factory.NewClient().RegisterAsync();
        using var slow = await _factory.NewClient().RegisterAsync();
        var room = await alice.CreateRoomAsync();
        await using var aliceHub = await alice.Hub().StartAsync();
        await aliceHub.JoinAsync(room.Id);
        using var stalled = await StalledClient.JoinAsync(_factory.BaseAddress, slow.Token, room.Id);

        var text = new string('x', 3900);
        var sent = 0L;
        for (var i = 0; i < Messages; i++)
        {
            sent = (await aliceHub.SendAsync(room.Id, $"{i} {text}")).Seq;
        }

        var received = await aliceHub.NextMessagesAsync(Messages, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, Messages).Select(i => (long)i), received.Select(m => m.Seq));

        // The stalled client reads again: it finds its connection closed long before everything sent to the room.
        var (bytesRead, closed) = await stalled.ReadToEndAsync(TimeSpan.FromSeconds(30));
        Assert.True(closed, "the server did not close the connection of the client that stopped reading");
        Assert.True(bytesRead < Messages * text.Length / 2, $"the stalled client still got {bytesRead} bytes: the server kept its backlog");
        Assert.Equal(Messages, sent);
    }

    /// <summary>A raw SignalR JSON client over a WebSocket with a tiny socket buffer, which stops reading once it joined.</summary>
    private sealed class StalledClient(ClientWebSocket socket, HttpMessageInvoker invoker) : IDisposable
    {
        private const char RecordSeparator = '\u001e';

        public static async Task<StalledClient> JoinAsync(Uri baseAddress, string token, string roomId)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                    await client.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(client, ownsSocket: true);
                },
            };
            var invoker = new HttpMessageInvoker(handler);
            var socket = new ClientWebSocket();
            var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/chat", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await socket.ConnectAsync(url, invoker, timeout.Token);
            var client = new StalledClient(socket, invoker);
            await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", timeout.Token);
            await client.ReadUntilAsync("{}", timeout.Token);
            await client.SendAsync($"{{\"type\":1,\"invocationId\":\"join\",\"target\":\"JoinRoom\",\"arguments\":[\"{roomId}\"]}}", timeout.Token);
            await client.ReadUntilAsync("\"invocationId\":\"join\"", timeout.Token);
            return client;
        }

        /// <summary>Reads whatever the server still sends; returns the bytes read and whether the connection ended.</summary>
        public async Task<(long BytesRead, bool Closed)> ReadToEndAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            var buffer = new byte[64 * 1024];
            long total = 0;
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, cts.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return (total, true);
                    }

                    total += result.Count;
                }
            }
            catch (WebSocketException)
            {
                return (total, true);
            }
            catch (OperationCanceledException)
            {
                return (total, false);
            }
        }

        public void Dispose()
        {
            socket.Dispose();
            invoker.Dispose();
        }

        private Task SendAsync(string record, CancellationToken cancellationToken) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

        private async Task ReadUntilAsync(string marker, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            var text = new StringBuilder();
            while (!text.ToString().Contains(marker, StringComparison.Ordinal))
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"The server closed the connection before '{marker}': {text}");
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
    }
}
