namespace Chat.Grains.Notifications;

/// <summary>
/// One recipient's e-mail budget: at most one e-mail per interval. Mentions that arrive inside the interval are held
/// back (they wait in the inbox) and counted, so the next e-mail can say how many there were. Kept in memory by the
/// user's grain, the one place per user: a grain idle long enough to be deactivated has outlived any sensible interval.
/// </summary>
public sealed class EmailThrottle(TimeSpan interval)
{
    private DateTimeOffset? _lastSent;
    private int _heldBack;

    /// <summary>
    /// Whether an e-mail may go out at <paramref name="now"/>. When it may, <paramref name="heldBack"/> is how many
    /// mentions were held back since the last one; when it may not, this mention is counted as held back.
    /// </summary>
    public bool TryTake(DateTimeOffset now, out int heldBack)
    {
        if (_lastSent is { } last && now - last < interval)
        {
            _heldBack++;
            heldBack = 0;
            return false;
        }

        heldBack = _heldBack;
        _heldBack = 0;
        _lastSent = now;
        return true;
    }
}
