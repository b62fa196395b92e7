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
}
