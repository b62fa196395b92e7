using Chat.Grains.Abstractions.Delivery;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

/// <summary>
/// Who listens to a room on which silo, and the push of the room's events there: the silos' presence reports (with a
/// <see cref="PresenceChanged"/> event whenever a user comes or goes) and the per-silo <see cref="SiloFanOut"/>.
/// Owned by one room grain and used only from its turns.
/// </summary>
internal sealed class RoomListeners
{
    private readonly string _roomId;
    private readonly ISiloLiveness _liveness;
    private readonly TopicPresence _presence;
    private readonly SiloFanOut _fanOut;

    public RoomListeners(string roomId, IGrainFactory grains, ISiloLiveness liveness, ILogger logger)
    {
        _roomId = roomId;
        _liveness = liveness;
        _presence = new TopicPresence(liveness);
        _fanOut = new SiloFanOut(grains, silo => Announce(_presence.Forget(silo)), logger);
    }

    /// <summary>Presence lives in memory only: an activating room asks every active silo who listens.</summary>
    public async Task AskSilosAsync()
    {
        foreach (var report in await _fanOut.AskAsync(_liveness.ActiveSilos(), Topic.Room(_roomId)))
        {
            _presence.Apply(report);
        }
    }

    /// <summary>Takes a silo's report and announces who came and went.</summary>
    public void Report(PresenceReport presence) => Announce(_presence.Apply(presence));

    /// <summary>Users online in the room, sorted.</summary>
    public IReadOnlyList<string> Online() => _presence.Online();

    /// <summary>Pushes an event to every live silo with a listener (best effort: clients catch up by seq).</summary>
    public void Publish(ChatEvent roomEvent) => _fanOut.Send(_presence.Silos(), roomEvent);

    /// <summary>Waits, at most <see cref="SiloFanOut.QuestionTimeout"/>, until what was published so far has been handed over.</summary>
    public async Task FlushAsync(TimeProvider time)
    {
        try
        {
            await _fanOut.FlushAsync().WaitAsync(SiloFanOut.QuestionTimeout, time);
        }
        catch (TimeoutException)
        {
            // A silo that does not answer is declared dead soon; its clients catch up when they reconnect.
        }
    }

    private void Announce(PresenceChange change)
    {
        foreach (var user in change.CameOnline)
        {
            Publish(new PresenceChanged(_roomId, user, true));
        }

        foreach (var user in change.WentOffline)
        {
            Publish(new PresenceChanged(_roomId, user, false));
        }
    }
}
