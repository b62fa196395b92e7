namespace Chat.Grains.Rooms;

/// <summary>
/// Lets one typing notice per user through per period (<see cref="RoomOptions.TypingThrottle"/>): the one place the
/// throttle is enforced. Bounded: past <see cref="MaxTracked"/> users, expired entries are swept.
/// </summary>
internal sealed class TypingThrottle(TimeSpan period, TimeProvider time)
{
    public const int MaxTracked = 256;

    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    /// <summary>Whether a notice from <paramref name="userName"/> may go out now (and records it when it may).</summary>
    public bool TryPass(string userName)
    {
        var now = time.GetUtcNow();
        if (_last.TryGetValue(userName, out var last) && now - last < period)
        {
            return false;
        }

        if (_last.Count >= MaxTracked)
        {
            foreach (var stale in _last.Where(t => now - t.Value >= period).Select(t => t.Key).ToArray())
            {
                _last.Remove(stale);
            }
        }

        _last[userName] = now;
        return true;
    }
}
