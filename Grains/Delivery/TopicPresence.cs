using Chat.Grains.Abstractions.Delivery;

namespace Chat.Grains.Delivery;

/// <summary>
/// Who listens to one topic (a room, or a user's own), per silo, from the silos' own reports: the newest report of
/// each silo wins, and what dead silos reported is forgotten (cleanup follows cluster membership, not a timeout).
/// Kept in memory only: an activating grain asks the silos again (<see cref="SiloFanOut.AskAsync"/>).
/// </summary>
public sealed class TopicPresence(ISiloLiveness liveness)
{
    private readonly Dictionary<SiloAddress, PresenceReport> _bySilo = [];

    /// <summary>Takes a silo's report unless a newer one is already known; says who came and went.</summary>
    public PresenceChange Apply(PresenceReport report)
    {
        if (_bySilo.TryGetValue(report.Silo, out var known) && known.Version > report.Version)
        {
            return PresenceChange.None;
        }

        // An empty report is kept too (one per silo at most): its version still outranks older reports.
        return Change(() => _bySilo[report.Silo] = report);
    }

    /// <summary>Forgets a silo that is gone; says who went offline with it.</summary>
    public PresenceChange Forget(SiloAddress silo) => Change(() => _bySilo.Remove(silo));

    /// <summary>Users listening through any live silo, sorted.</summary>
    public string[] Online() =>
        [.. LiveReports().SelectMany(r => r.Users).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Live silos holding at least one listener: where the topic's events go.</summary>
    public IReadOnlyList<SiloAddress> Silos() => [.. LiveReports().Select(r => r.Silo)];

    public bool IsListenedTo => LiveReports().Any();

    /// <summary>Whether this silo has answered or reported (an empty report counts): a silo not known is asked again.</summary>
    public bool Knows(SiloAddress silo) => _bySilo.ContainsKey(silo);

    private IEnumerable<PresenceReport> LiveReports() => _bySilo.Values.Where(r => r.Users.Count > 0 && liveness.IsAlive(r.Silo));

    private PresenceChange Change(Action apply)
    {
        var before = Online();
        apply();
        foreach (var dead in _bySilo.Keys.Where(s => !liveness.IsAlive(s)).ToArray())
        {
            _bySilo.Remove(dead);
        }

        var after = Online();
        return new PresenceChange(
            [.. after.Except(before, StringComparer.Ordinal)],
            [.. before.Except(after, StringComparer.Ordinal)]);
    }
}
