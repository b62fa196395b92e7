using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;
using Chat.Tests.Deployment;
using Microsoft.AspNetCore.Builder;

namespace Chat.Tests.LoadTest;

/// <summary>
/// The load tool's hub client against a scripted WebSocket server on 127.0.0.1: records split over frames and
/// several in one frame, events to skip, escaped text, and both kinds of Close record, each sent exactly so.
/// </summary>
public sealed class LeanChatConnectionProtocolTests
{
    private const string Room = "lobby";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void AnInvocationRecord_ReusesTheConnectionsBuffer_AndHoldsOnlyTheLastRecord()
    {
        var record = new ArrayBufferWriter<byte>(16);
        using var json = new Utf8JsonWriter(record);
        LeanChatConnection.WriteInvocation(record, json, 1, "SendMessage", [Room, new string('x', 300), "c1"]);
        var capacity = record.Capacity;

        LeanChatConnection.WriteInvocation(record, json, 2, "SendMessage", [Room, "h\u00e9llo \"you\"", "c2"]);

        Assert.Equal(capacity, record.Capacity);
        var text = Encoding.UTF8.GetString(record.WrittenSpan);
        Assert.EndsWith("\u001e", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text[..^1]);
        Assert.Equal(1, document.RootElement.GetProperty("type").GetInt32());
        Assert.Equal("2", document.RootElement.GetProperty("invocationId").GetString());
        Assert.Equal("SendMessage", document.RootElement.GetProperty("target").GetString());
        Assert.Equal([Room, "h\u00e9llo \"you\"", "c2"], document.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task RecordsSplitOverFrames_OrSharingOne_AreReadAlike_OnlyTheRoomsMessagesCount_AndACloseWithAnError_IsAFailure()
    {
        await using var server = await ScriptedServer.StartAsync(async socket =>
        {
            await socket.SendAsync(Message(41, "bob", "run1.2.1.100")[..30]);
            await socket.SendAsync(Message(41, "bob", "run1.2.1.100")[30..]);
            await socket.SendAsync(
                "{\"type\":1,\"target\":\"PresenceChanged\",\"arguments\":[\"lobby\",\"carol\",true]}\u001e"
                + "{\"type\":1,\"target\":\"MessageEdited\",\"arguments\":[{\"roomId\":\"lobby\",\"seq\":41,\"author\":\"bob\"}]}\u001e"
                + "{\"type\":1,\"target\":\"MessageReceived\",\"arguments\":[{\"roomId\":\"elsewhere\",\"seq\":7,\"author\":\"bob\"}]}\u001e"
                + "{\"type\":6}\u001e"
                + Message(42, "alice", "run1.1.1.200", text: "\\\"quoted\\\" \\u00e9\\u001e \\n"));
            await socket.SendAsync("{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}\u001e");
        });
        var seen = new DeliveryRecorder();
        await using var connection = new LeanChatConnection(server.HubUrl, "alice", "token", seen);

        Assert.Equal(40, await connection.ConnectAndJoinAsync(Room, CancellationToken.None));

        Assert.Equal((41L, false, "run1.2.1.100"), await seen.NextAsync());
        Assert.Equal((42L, true, "run1.1.1.200"), await seen.NextAsync());
        var closed = await seen.Closed.Task.WaitAsync(Wait);
        Assert.Contains("Connection closed with an error.", Assert.IsType<WebSocketException>(closed).Message, StringComparison.Ordinal);
        Assert.False(seen.Deliveries.Reader.TryRead(out _), "an event other than the room's MessageReceived was counted");
    }

    [Fact]
    public async Task ACloseWithoutAnError_EndsTheConnectionCleanly_AndASendWaitingForItsAnswer_FailsAsAConnectionError()
    {
        var sendArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedServer.StartAsync(async socket =>
        {
            await socket.ReceiveRecordAsync(); // the SendMessage, left unanswered
            sendArrived.TrySetResult();
            await socket.SendAsync("{\"type\":7}\u001e");
        });
        var seen = new DeliveryRecorder();
        await using var connection = new LeanChatConnection(server.HubUrl, "alice", "token", seen);
        await connection.ConnectAndJoinAsync(Room, CancellationToken.None);

        var send = connection.SendMessageAsync(Room, "hello", "run1.1.1.1", CancellationToken.None);
        await sendArrived.Task.WaitAsync(Wait);

        Assert.Null(await seen.Closed.Task.WaitAsync(Wait));
        var error = await Assert.ThrowsAsync<WebSocketException>(() => send.WaitAsync(Wait));
        Assert.Equal("Connection", ErrorClassifier.Classify(error));
    }

    private static string Message(long seq, string author, string clientMessageId, string text = "hi") =>
        $"{{\"type\":1,\"target\":\"MessageReceived\",\"arguments\":[{{\"roomId\":\"{Room}\",\"seq\":{seq},\"id\":\"m{seq}\",\"author\":\"{author}\",\"text\":\"{text}\",\"sentAt\":\"2026-12-02T00:00:00+00:00\",\"clientMessageId\":\"{clientMessageId}\",\"tags\":{{\"profane\":[]}}}}]}}\u001e";

    /// <summary>Answers the handshake and the JoinRoom (last seq 40), then runs the test's script.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ScriptedServer(WebApplication app, Uri endpoint) => (_app, HubUrl) = (app, new Uri(endpoint, "/hubs/chat"));

        public Uri HubUrl { get; }

        public static async Task<ScriptedServer> StartAsync(Func<ScriptedSocket, Task> script)
        {
            var (app, endpoint) = await LoopbackServer.StartAsync(async context =>
            {
                using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
                var socket = new ScriptedSocket(webSocket);
                Assert.Contains("\"protocol\":\"json\"", await socket.ReceiveRecordAsync(), StringComparison.Ordinal);
                await socket.SendAsync("{}\u001e");
                Assert.Contains("\"target\":\"JoinRoom\"", await socket.ReceiveRecordAsync(), StringComparison.Ordinal);
                await socket.SendAsync("{\"type\":3,\"invocationId\":\"1\",\"result\":{\"messages\":[{\"seq\":3}],\"lastSeq\":40,\"online\":[]}}\u001e");
                await script(socket);
                await socket.DrainAsync();
            });
            return new ScriptedServer(app, endpoint);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed class ScriptedSocket(WebSocket socket)
    {
        private readonly StringBuilder _received = new();

        public Task SendAsync(string text) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        /// <summary>The next record the client sent, without its separator.</summary>
        public async Task<string> ReceiveRecordAsync()
        {
            var buffer = new byte[4096];
            int end;
            while ((end = _received.ToString().IndexOf('\u001e', StringComparison.Ordinal)) < 0)
            {
                using var timeout = new CancellationTokenSource(Wait);
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                _received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }

            var record = _received.ToString(0, end);
            _received.Remove(0, end + 1);
            return record;
        }

        /// <summary>Reads until the client closes (or goes), so the server never closes first.</summary>
        public async Task DrainAsync()
        {
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(Wait);
            try
            {
                while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // the client aborted
            }
        }
    }
}
