namespace Chat.LoadTest.Measurement;

/// <summary>
/// Checks the seqs one receiver gets in one room: each should be the last one plus 1. Skipped seqs are
/// remembered (up to <see cref="MaxRemembered"/>) so that a late arrival is told apart from a duplicate.
/// </summary>
public sealed class SeqGapTracker(long lastSeq)
{
    public const int MaxRemembered = 100_000;

    private readonly HashSet<long> _missing = [];
    private readonly Lock _lock = new();
    private long _highest = lastSeq;
    private long _forgotten;

    public long Received { get; private set; }

    /// <summary>Times a seq arrived with others skipped before it.</summary>
    public long Gaps { get; private set; }

    /// <summary>Seqs skipped and not (yet) received.</summary>
    public long Missing
    {
        get
        {
            lock (_lock)
            {
                return _missing.Count + _forgotten;
            }
        }
    }

    public long Late { get; private set; }

    public long Duplicates { get; private set; }

    public long HighestSeq => _highest;

    public SeqObservation Observe(long seq)
    {
        lock (_lock)
        {
            Received++;
            if (seq == _highest + 1)
            {
                _highest = seq;
                return SeqObservation.InOrder;
            }

            if (seq > _highest)
            {
                Gaps++;
                for (var skipped = _highest + 1; skipped < seq; skipped++)
                {
                    if (_missing.Count < MaxRemembered)
                    {
                        _missing.Add(skipped);
                    }
                    else
                    {
                        _forgotten += seq - skipped;
                        break;
                    }
                }

                _highest = seq;
                return SeqObservation.Gap;
            }

            if (_missing.Remove(seq))
            {
                Late++;
                return SeqObservation.Late;
            }

            Duplicates++;
            return SeqObservation.Duplicate;
        }
    }
}
