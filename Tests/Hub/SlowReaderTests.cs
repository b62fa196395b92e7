using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Chat.Tests.Features;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Hub;

/// <summary>
/// A client that stops reading cannot make the server queue for it without bound: once what waits for it passes
/// <c>Chat:Api:MaxQueuedBytesPerConnection</c>, the server drops it, and the room's other clients get every message.
/// </summary>
/// <remarks>
/// What the stalled client can still read after the drop is not set by the server's queue alone: the kernel holds
/// what the server already wrote in the socket's send buffer and delivers it after the close. Linux grows that buffer by
/// itself, up to the last field of <c>net.ipv4.tcp_wmem</c> (4 MiB by default), and how much data fits in it depends on
/// how the writes were cut into segments (measured on loopback: 2.89 MB of the 5.85 MB sent, within 2% of the half
/// this test once took as its bound). The bound on what the client reads is therefore that maximum plus the queue limit
/// and the small buffers in between, and the room gets a quarter more than that bound, so that a server that kept the
/// backlog still fails the test.
/// </remarks>
public sealed class SlowReaderTests : IAsyncLifetime
{
    private const int QueueLimit = 64 * 1024;
    private const int TextLength = 3900;

    /// <summary>SignalR's transport and application pipes (<c>Chat:Api:TransportBufferBytes</c> each), Kestrel's output buffer, the client's socket: generously.</summary>
    private const int BuffersBetween = 256 * 1024;

    /// <summary>Most bytes the stalled client may still read once the server dropped it.</summary>
    private static readonly long ReadableAfterDrop = SocketSendBufferMax() + QueueLimit + BuffersBetween;

    /// <summary>Enough messages that all of them together are a quarter more than <see cref="ReadableAfterDrop"/> (at least 1500).</summary>
    private static readonly int Messages = Math.Max(1500, (int)(ReadableAfterDrop * 5 / 4 / TextLength) + 1);

    private readonly CollectingLoggerProvider _logs = new();
    private readonly TempDirectory _data = new();
    private ChatAppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ChatAppFactory(_data.Path, new Dictionary<string, string?>
        {
            ["Chat:Api:MaxQueuedBytesPerConnection"] = QueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chat:Api:TransportBufferBytes"] = "16384",
            // The test counts on every call being answered, not refused: on a loaded machine a grain call (the first one on
            // this cold silo above all) can take longer than the production deadline of 5 s, which answers 503/Unavailable
            // (the deadline has tests of its own).
            ["Chat:Api:RequestDeadline"] = "00:01:00",
        }, _logs);
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

        var text = new string('x', TextLength);
        var sent = 0L;
        for (var i = 0; i < Messages; i++)
        {
            sent = (await aliceHub.SendAsync(room.Id, $"{i} {text}")).Seq;
        }

        var received = await aliceHub.NextMessagesAsync(Messages, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, Messages).Select(i => (long)i), received.Select(m => m.Seq));

        // The server says it dropped the stalled client (and no other) as soon as its queue passed the limit.
        var drops = _logs.Entries.Where(e => e.Message.StartsWith("Dropped connection", StringComparison.Ordinal)).ToList();
        var drop = Assert.Single(drops);
        Assert.Equal(slow.UserName, drop.State["UserName"]);
        // Past the limit by what was added since the last check: a message or two (each the text and its JSON frame).
        Assert.InRange((long)drop.State["Queued"]!, QueueLimit + 1, QueueLimit + 2 * (TextLength + 1024));

        // The stalled client reads again: it finds its connection closed, after what was already in the buffers only.
        var (bytesRead, closed) = await stalled.ReadToEndAsync(TimeSpan.FromSeconds(30));
        Assert.True(closed, "the server did not close the connection of the client that stopped reading");
        Assert.True(
            bytesRead <= ReadableAfterDrop,
            $"the stalled client still got {bytesRead} bytes, more than the socket's send buffer and the queue limit hold ({ReadableAfterDrop}): the server kept its backlog");
        Assert.Equal(Messages, sent);
    }

    /// <summary>The largest send buffer Linux grows a TCP socket's to (<c>net.ipv4.tcp_wmem</c>, its last field); 4 MiB, the default, elsewhere.</summary>
    private static long SocketSendBufferMax()
    {
        const string setting = "/proc/sys/net/ipv4/tcp_wmem";
        return File.Exists(setting)
            ? long.Parse(File.ReadAllText(setting).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture)
            : 4 * 1024 * 1024;
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
