using System.Diagnostics;
using Chat.LoadTest.Measurement;

namespace Chat.Tests.LoadTest;

public sealed class RunMetricsTests
{
    [Fact]
    public void OnlySendsInTheWindow_AreTimedAndCounted_ButArrivalsInTheWindowAreCountedAsWorkDone()
    {
        var second = Stopwatch.Frequency;
        var metrics = new RunMetrics();
        metrics.SetWindow(10 * second, 20 * second);

        metrics.RecordDelivery(5 * second, 11 * second);   // sent in the warm-up, arrives in the window
        metrics.RecordDelivery(12 * second, 13 * second);  // sent and arrives in the window
        metrics.RecordDelivery(19 * second, 25 * second);  // sent in the window, arrives after it
        metrics.RecordAck(19 * second, 21 * second, otherMembers: 3);

        Assert.Equal(2, metrics.Deliveries);
        Assert.Equal(2, metrics.DeliveredInWindow);
        Assert.Equal(2, metrics.Delivery.Summarize().Count);
        Assert.Equal(1, metrics.Acked);
        Assert.Equal(3, metrics.ExpectedDeliveries);
        Assert.Equal(0, metrics.AnsweredInWindow);
    }

    [Fact]
    public void RefusedSends_CountInTheAnswerWait_ButNotInTheAckLatency()
    {
        var second = Stopwatch.Frequency;
        var metrics = new RunMetrics();
        metrics.SetWindow(10 * second, 20 * second);

        metrics.RecordAck(11 * second, 12 * second, otherMembers: 1);
        metrics.RecordError(12 * second, 19 * second, "Unavailable");
        metrics.RecordError(5 * second, 15 * second, "Unavailable"); // sent in the warm-up

        Assert.Equal(1, metrics.Ack.Summarize().Count);
        Assert.Equal(2, metrics.Answer.Summarize().Count);
        Assert.InRange(metrics.Answer.Summarize().Max, 6_900, 7_100);
        Assert.Equal(1, metrics.ErrorsByKind["Unavailable"]);
    }
}
