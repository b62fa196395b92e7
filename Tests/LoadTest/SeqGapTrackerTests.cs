using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class SeqGapTrackerTests
{
    [Fact]
    public void Observe_ContiguousSeqsAfterJoin_FindNoGap()
    {
        var tracker = new SeqGapTracker(lastSeq: 10);

        var observations = Enumerable.Range(11, 5).Select(seq => tracker.Observe(seq)).ToList();

        Assert.All(observations, o => Assert.Equal(SeqObservation.InOrder, o));
        Assert.Equal((5, 0, 0, 15L), (tracker.Received, tracker.Gaps, tracker.Missing, tracker.HighestSeq));
    }

    [Fact]
    public void Observe_SkippedSeqs_CountOneGapAndEachMissingSeq()
    {
        var tracker = new SeqGapTracker(lastSeq: 0);
        tracker.Observe(1);

        Assert.Equal(SeqObservation.Gap, tracker.Observe(5));

        Assert.Equal(1, tracker.Gaps);
        Assert.Equal(3, tracker.Missing);
    }

    [Fact]
    public void Observe_MissingSeqArrivingLate_IsLateNotDuplicate_AndNoLongerMissing()
    {
        var tracker = new SeqGapTracker(lastSeq: 0);
        tracker.Observe(1);
        tracker.Observe(3);

        Assert.Equal(SeqObservation.Late, tracker.Observe(2));
        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(2));
        Assert.Equal(SeqObservation.InOrder, tracker.Observe(4));

        Assert.Equal((1L, 0L, 1L, 1L), (tracker.Gaps, tracker.Missing, tracker.Late, tracker.Duplicates));
    }

    [Fact]
    public void Observe_SeqAlreadyInJoinWindow_IsDuplicate()
    {
        var tracker = new SeqGapTracker(lastSeq: 7);

        Assert.Equal(SeqObservation.Duplicate, tracker.Observe(7));
        Assert.Equal(0, tracker.Missing);
    }

    [Fact]
    public void Observe_HugeGap_RemembersBoundedSetButCountsEveryMissingSeq()
    {
        var tracker = new SeqGapTracker(lastSeq: 0);

        tracker.Observe(SeqGapTracker.MaxRemembered + 1_001);

        Assert.Equal(SeqGapTracker.MaxRemembered + 1_000, tracker.Missing);
    }

    [Fact]
    public void SeqStats_Sum_AddsEveryReceiverAndRoom()
    {
        var a = new SeqGapTracker(0);
        a.Observe(1);
        a.Observe(3);
        var b = new SeqGapTracker(0);
        b.Observe(1);
        b.Observe(1);

        var stats = SeqStats.Sum([a, b]);

        Assert.Equal(new SeqStats(Streams: 2, Received: 4, Gaps: 1, Missing: 1, Late: 0, Duplicates: 1), stats);
    }
}
