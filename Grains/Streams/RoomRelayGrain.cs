using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Streams;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Chat.Grains.Streams;

/// <summary>
/// One front silo's subscription to one room's stream. It lives on the silo its key names and forwards events to
/// that silo's <see cref="IRoomEventSink"/>. Subscriptions are durable (pub-sub storage): after an idle
/// deactivation the next event reactivates the relay, which resumes its handle. A relay activated anywhere else
/// (its silo died or restarted) drops every handle of its key, so a dead silo's subscriptions clean themselves up.
/// </summary>
[SiloBoundPlacement]
public sealed partial class RoomRelayGrain(IRoomEventSink sink, ILocalSiloDetails silo, ILogger<RoomRelayGrain> logger)
    : Grain, IRoomRelayGrain, IAsyncObserver<RoomEvent>
{
    private StreamSubscriptionHandle<RoomEvent>? _handle;
    private bool _atHome;
    private string _roomId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.IndexOf('|', StringComparison.Ordinal);
        _roomId = key[..separator];
        _atHome = key[(separator + 1)..] == RelayKeys.SiloName(silo.SiloAddress);
        var stream = this.GetStreamProvider(ChatNames.StreamProvider)
            .GetStream<RoomEvent>(ChatNames.RoomStreamNamespace, _roomId);
        var handles = await stream.GetAllSubscriptionHandles();
        foreach (var handle in handles)
        {
            if (_atHome && _handle is null)
            {
                _handle = await handle.ResumeAsync(this);
            }
            else
            {
                await handle.UnsubscribeAsync();
            }
        }

        if (!_atHome)
        {
            LogStaleRelayRemoved(_roomId, key, handles.Count);
            DeactivateOnIdle();
        }
    }

    public async Task Subscribe()
    {
        if (!_atHome)
        {
            throw new InvalidOperationException($"Relay '{this.GetPrimaryKeyString()}' is not on its own silo.");
        }

        _handle ??= await this.GetStreamProvider(ChatNames.StreamProvider)
            .GetStream<RoomEvent>(ChatNames.RoomStreamNamespace, _roomId)
            .SubscribeAsync(this);
    }

    public async Task Unsubscribe()
    {
        if (_handle is { } handle)
        {
            _handle = null;
            await handle.UnsubscribeAsync();
        }

        DeactivateOnIdle();
    }

    public Task<bool> IsSubscribed() => Task.FromResult(_handle is not null);

    public Task OnNextAsync(RoomEvent item, StreamSequenceToken? token = null) =>
        _atHome ? sink.DeliverAsync(item) : Task.CompletedTask;

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, _roomId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay for room {RoomId} woke up away from its silo ({Key}); removed {Count} stale subscription(s)")]
    private partial void LogStaleRelayRemoved(string roomId, string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream error in the relay of room {RoomId}")]
    private partial void LogStreamError(Exception error, string roomId);
}
