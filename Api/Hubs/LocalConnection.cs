using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// One connection of this silo, with the topics it listens to and a bound on what may wait to be sent to it: a client
/// that reads too slowly is dropped (it reconnects and catches up by seq) instead of growing the server's memory.
/// </summary>
public sealed partial class LocalConnection(HubConnectionContext context, long maxQueuedBytes, ILogger logger)
{
    private long _queuedBytes;
    private int _dropped;

    public string ConnectionId => context.ConnectionId;

    /// <summary>The authenticated user; set once the hub accepted the connection.</summary>
    public string UserName { get; set; } = "";

    /// <summary>Rooms and the user's own topic; guarded by the registry's lock.</summary>
    public HashSet<Grains.Abstractions.Delivery.Topic> Topics { get; } = [];

    /// <summary>Writes a message serialized once for all its receivers; never waits for the client.</summary>
    public void Send(SerializedHubMessage message)
    {
        if (Volatile.Read(ref _dropped) != 0)
        {
            return;
        }

        ValueTask write;
        try
        {
            write = context.WriteAsync(message);
        }
        catch (Exception error)
        {
            LogSendFailed(error, ConnectionId);
            return;
        }

        if (write.IsCompletedSuccessfully)
        {
            return;
        }

        var bytes = message.GetSerializedMessage(context.Protocol).Length;
        var queued = Interlocked.Add(ref _queuedBytes, bytes);
        _ = CompleteAsync(write, bytes);
        if (queued > maxQueuedBytes && Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            LogSlowReaderDropped(ConnectionId, UserName, queued, maxQueuedBytes);
            context.Abort();
        }
    }

    private async Task CompleteAsync(ValueTask write, int bytes)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            LogSendFailed(error, ConnectionId);
        }
        finally
        {
            Interlocked.Add(ref _queuedBytes, -bytes);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped connection {ConnectionId} of {UserName}: {Queued} bytes waited to be sent, over the limit of {Limit}; the client reconnects and catches up")]
    private partial void LogSlowReaderDropped(string connectionId, string userName, long queued, long limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending to connection {ConnectionId} failed (it is closing)")]
    private partial void LogSendFailed(Exception error, string connectionId);
}
