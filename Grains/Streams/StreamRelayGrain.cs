using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Streams;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Chat.Grains.Streams;

/// <summary>
/// One front silo's subscription to one chat stream. It lives on the silo its key names and forwards events to
/// that silo's <see cref="IChatEventSink"/>. Subscriptions are durable (pub-sub storage): after an idle
/// deactivation the next event reactivates the relay, which resumes its handle. A relay activated anywhere else
/// (its silo died or restarted) drops every handle of its key, so a dead silo's subscriptions clean themselves up.
/// </summary>
[SiloBoundPlacement]
public sealed partial class StreamRelayGrain(IChatEventSink sink, ILocalSiloDetails silo, ILogger<StreamRelayGrain> logger)
    : Grain, IStreamRelayGrain, IAsyncObserver<ChatEvent>
{
    private StreamSubscriptionHandle<ChatEvent>? _handle;
    private IAsyncStream<ChatEvent>? _stream;
    private bool _atHome;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (streamNamespace, id, home) = RelayKeys.Parse(this.GetPrimaryKeyString());
        _atHome = home == RelayKeys.SiloName(silo.SiloAddress);
        _stream = this.GetStreamProvider(ChatNames.StreamProvider).GetStream<ChatEvent>(streamNamespace, id);
        var handles = await _stream.GetAllSubscriptionHandles();
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
            LogStaleRelayRemoved(this.GetPrimaryKeyString(), handles.Count);
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Subscribes, or checks that pub-sub still knows the subscription this relay holds and subscribes again when it
    /// does not. Front silos call this on every join and every refresh, so a subscription lost by the cluster (the
    /// field's most reported Orleans streams failure) comes back within one refresh period.
    /// </summary>
    public async Task Subscribe()
    {
        if (!_atHome)
        {
            throw new InvalidOperationException($"Relay '{this.GetPrimaryKeyString()}' is not on its own silo.");
        }

        if (_handle is not null)
        {
            var known = await _stream!.GetAllSubscriptionHandles();
            if (known.Any(h => h.HandleId == _handle.HandleId))
            {
                return;
            }

            LogSubscriptionLost(this.GetPrimaryKeyString());
        }

        _handle = await _stream!.SubscribeAsync(this);
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

    public Task OnNextAsync(ChatEvent item, StreamSequenceToken? token = null) =>
        _atHome ? sink.DeliverAsync(item) : Task.CompletedTask;

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay {Key} woke up away from its silo; removed {Count} stale subscription(s)")]
    private partial void LogStaleRelayRemoved(string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay {Key} held a subscription that pub-sub no longer knows; subscribed again")]
    private partial void LogSubscriptionLost(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream error in relay {Key}")]
    private partial void LogStreamError(Exception error, string key);
}
