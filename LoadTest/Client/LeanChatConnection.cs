using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Chat.LoadTest.Client;

/// <summary>
/// A member that speaks the hub's JSON protocol over a bare <see cref="ClientWebSocket"/>, reading each record in
/// place: the room, seq, author and client message id of a <c>MessageReceived</c>, the result of its own calls, and
/// nothing else (no pipes, no objects per event, no handler dispatch). The server cannot tell it from the official
/// client: the same upgrade with the token in the <c>Authorization</c> header (no negotiation), the same handshake,
/// records, pings and close. What it leaves out is what the tool does not use: other events, streaming, reconnects.
/// </summary>
/// <remarks>
/// The hub writes an invocation's <c>target</c> before its <c>arguments</c> and a completion's <c>invocationId</c>
/// before its <c>result</c> (SignalR's <c>JsonHubProtocol</c>); a record in another order is read as "not a message
/// of the room", so it can only make the seq check report a gap, never hide one.
/// </remarks>
public sealed class LeanChatConnection : IChatHubConnection
{
    /// <summary>The server drops a client it has not heard from in 30 s; the official client pings every 15 s.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>Longer records than this are refused as a broken stream (the hub's events are a few hundred bytes).</summary>
    public const int MaxRecordBytes = 1 << 20;

    private const byte RecordSeparator = 0x1e;
    private const int MaxClientMessageIdChars = 128;
    private const int InvocationType = 1;
    private const int CompletionType = 3;
    private const int CloseType = 7;
    private static readonly byte[] HandshakeRecord = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] PingRecord = "{\"type\":6}\u001e"u8.ToArray();
    private static readonly byte[] LastSeqField = "lastSeq"u8.ToArray();
    private static readonly byte[] SeqField = "seq"u8.ToArray();

    private readonly Uri _url;
    private readonly string _token;
    private readonly byte[] _userName;
    private readonly IDeliveryObserver _observer;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>
    /// The record being sent, reused under <see cref="_sendLock"/>: a writer per send grew its buffer for the worst
    /// case of escaping each argument (several KB per send), which was most of what the tool allocated.
    /// </summary>
    private readonly ArrayBufferWriter<byte> _record = new(1024);

    private readonly Utf8JsonWriter _recordJson;
    private readonly ConcurrentDictionary<long, (TaskCompletionSource<long> Result, byte[] Field)> _pending = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _roomId = [];
    private long _lastInvocationId;
    private Task _receiving = Task.CompletedTask;
    private Timer? _keepAlive;
    private bool _closeReceived;
    private int _closed;

    public LeanChatConnection(Uri hubUrl, string userName, string token, IDeliveryObserver observer)
    {
        _url = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        _token = token;
        _userName = Encoding.UTF8.GetBytes(userName);
        _observer = observer;
        _recordJson = new Utf8JsonWriter(_record);
    }

    public async Task<long> ConnectAndJoinAsync(string roomId, CancellationToken cancellationToken)
    {
        _roomId = Encoding.UTF8.GetBytes(roomId);
        _socket.Options.SetRequestHeader("Authorization", "Bearer " + _token);
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // the protocol's pings keep the connection alive
        await _socket.ConnectAsync(_url, cancellationToken);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
        await SendAsync(HandshakeRecord, cancellationToken);
        await _handshake.Task.WaitAsync(cancellationToken);
        _keepAlive = new Timer(_ => _ = PingAsync(), null, KeepAliveInterval, KeepAliveInterval);
        return await InvokeAsync("JoinRoom", LastSeqField, [roomId], cancellationToken);
    }

    public Task SendMessageAsync(string roomId, string text, string clientMessageId, CancellationToken cancellationToken) =>
        InvokeAsync("SendMessage", SeqField, [roomId, text, clientMessageId], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            // A close frame, as the official client sends, so the server sees a clean disconnect rather than a reset.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _sendLock.WaitAsync(timeout.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }

                await _receiving.WaitAsync(timeout.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The server did not answer the close in time, or the connection was already gone: abort below.
            }
        }

        _socket.Abort();
        await _receiving;
        Close(null);
        _socket.Dispose();
        _sendLock.Dispose();
        await _recordJson.DisposeAsync();
    }

    private async Task<long> InvokeAsync(string target, byte[] resultField, string[] arguments, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastInvocationId);
        var result = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (result, resultField);
        try
        {
            if (Volatile.Read(ref _closed) == 1)
            {
                throw new InvalidOperationException("The connection is closed.");
            }

            await SendInvocationAsync(id, target, arguments, cancellationToken);
            return await result.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task SendInvocationAsync(long id, string target, string[] arguments, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            WriteInvocation(_record, _recordJson, id, target, arguments);
            await _socket.SendAsync(_record.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Writes a hub invocation record (JSON and the record separator) into <paramref name="record"/>, replacing what it held.</summary>
    public static void WriteInvocation(ArrayBufferWriter<byte> record, Utf8JsonWriter json, long id, string target, string[] arguments)
    {
        record.ResetWrittenCount();
        json.Reset(record);
        json.WriteStartObject();
        json.WriteNumber("type"u8, InvocationType);
        json.WriteString("invocationId"u8, id.ToString(CultureInfo.InvariantCulture));
        json.WriteString("target"u8, target);
        json.WriteStartArray("arguments"u8);
        foreach (var argument in arguments)
        {
            json.WriteStringValue(argument);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        record.Write([RecordSeparator]);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task PingAsync()
    {
        try
        {
            await SendAsync(PingRecord, CancellationToken.None);
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is going; the receive loop reports it.
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        var filled = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxRecordBytes)
                    {
                        throw new InvalidDataException($"The server sent a record of more than {MaxRecordBytes} bytes.");
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var received = await _socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                filled += received.Count;
                var consumed = ReadRecords(buffer.AsSpan(0, filled), Stopwatch.GetTimestamp());
                if (_closeReceived)
                {
                    break;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception error) when (error is WebSocketException or InvalidDataException or JsonException or InvalidOperationException or FormatException or ObjectDisposedException or OperationCanceledException)
        {
            failure = error;
        }

        Close(failure);
    }

    /// <summary>Handles every whole record in <paramref name="data"/>; returns the bytes they took.</summary>
    private int ReadRecords(ReadOnlySpan<byte> data, long receivedTimestamp)
    {
        var consumed = 0;
        int end;
        while ((end = data[consumed..].IndexOf(RecordSeparator)) >= 0)
        {
            ReadRecord(data.Slice(consumed, end), receivedTimestamp);
            consumed += end + 1;
        }

        return consumed;
    }

    private void ReadRecord(ReadOnlySpan<byte> record, long receivedTimestamp)
    {
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("The server sent a record that is not a JSON object.");
        }

        var type = 0;
        var isMessage = false;
        var invocationId = -1L;
        var result = 0L;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isMessage = reader.ValueTextEquals("MessageReceived"u8);
            }
            else if (reader.ValueTextEquals("arguments"u8) && isMessage)
            {
                reader.Read();
                ReadMessage(ref reader, receivedTimestamp);
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                if (!Utf8Parser.TryParse(reader.ValueSpan, out invocationId, out var length) || length != reader.ValueSpan.Length)
                {
                    invocationId = -1;
                }
            }
            else if (reader.ValueTextEquals("result"u8) && _pending.TryGetValue(invocationId, out var pending))
            {
                reader.Read();
                result = ReadField(ref reader, pending.Field);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Skip();
            }
        }

        if (!_handshake.Task.IsCompleted)
        {
            // The first record answers the handshake: {} or {"error": "..."}.
            if (error is null)
            {
                _handshake.TrySetResult();
            }
            else
            {
                _handshake.TrySetException(new HubException($"The server refused the handshake: {error}"));
            }
        }
        else if (type == CompletionType && _pending.TryRemove(invocationId, out var completed))
        {
            if (error is null)
            {
                completed.Result.TrySetResult(result);
            }
            else
            {
                completed.Result.TrySetException(new HubException(error));
            }
        }
        else if (type == CloseType)
        {
            // Without an error it is the server's side of a clean close (it sends one when the client closes too).
            _closeReceived = true;
            if (error is not null)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"The server closed the connection: {error}.");
            }
        }
    }

    /// <summary>Reads a <c>MessageReceived</c>'s arguments (the reader on their array) and reports a message of the room.</summary>
    private void ReadMessage(ref Utf8JsonReader reader, long receivedTimestamp)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var inRoom = false;
            var byMe = false;
            var seq = -1L;
            Span<char> clientMessageId = stackalloc char[MaxClientMessageIdChars];
            var idLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("roomId"u8))
                {
                    reader.Read();
                    inRoom = reader.ValueTextEquals(_roomId);
                }
                else if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    seq = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("author"u8))
                {
                    reader.Read();
                    byMe = reader.ValueTextEquals(_userName);
                }
                else if (reader.ValueTextEquals("clientMessageId"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= MaxClientMessageIdChars)
                    {
                        idLength = Encoding.UTF8.GetChars(reader.ValueSpan, clientMessageId);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (inRoom && seq >= 0)
            {
                _observer.OnDelivered(seq, byMe, clientMessageId[..idLength], receivedTimestamp);
            }
        }

        // Past the rest of the arguments (a MessageReceived has one), to the array's end.
        reader.Skip();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }

    /// <summary>The number in <paramref name="field"/> of a result object (the reader on it); 0 when there is none.</summary>
    private static long ReadField(ref Utf8JsonReader reader, byte[] field)
    {
        var value = 0L;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return value;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(field))
            {
                reader.Read();
                value = reader.GetInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _keepAlive?.Dispose();
        var failure = error ?? new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The connection closed.");
        _handshake.TrySetException(failure);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Result.TrySetException(failure);
            }
        }

        _observer.OnClosed(error);
    }
}
