namespace Chat.LoadTest.Measurement;

/// <summary>Seq checks summed over every receiver and room.</summary>
public sealed record SeqStats(long Streams, long Received, long Gaps, long Missing, long Late, long Duplicates)
{
    public static SeqStats Sum(IEnumerable<SeqGapTracker> trackers)
    {
        long streams = 0, received = 0, gaps = 0, missing = 0, late = 0, duplicates = 0;
        foreach (var tracker in trackers)
        {
            streams++;
            received += tracker.Received;
            gaps += tracker.Gaps;
            missing += tracker.Missing;
            late += tracker.Late;
            duplicates += tracker.Duplicates;
        }

        return new SeqStats(streams, received, gaps, missing, late, duplicates);
    }
}
