using System.Diagnostics;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>
/// Samples a run once a second, on ticks aligned to the start of the measured window so that the window's edges are
/// ticks: counts, that second's latency percentiles, and the CPU and memory of the server (by PID) and of the tool,
/// and the tool's garbage collections at the window's edges.
/// </summary>
public static class RunSampler
{
    public static async Task<SampleResult> RunAsync(RunMetrics metrics, long sendStart, long windowStart, long windowEnd, int? serverPid, CancellationToken cancellationToken)
    {
        var timeline = new List<TimePoint>();
        var second = Stopwatch.Frequency;
        var first = windowStart - ((windowStart - sendStart) / second * second);
        var previousTick = Stopwatch.GetTimestamp();
        var previousServer = ReadServer(serverPid);
        var previousTool = ReadTool();
        ProcessUsage? serverStart = null, serverEnd = null;
        var toolStart = previousTool;
        var toolEnd = previousTool;
        var toolGcStart = GcSnapshot.Now();
        var toolGcEnd = toolGcStart;
        long peak = previousServer?.ResidentBytes ?? 0;
        long sent = 0, acked = 0, delivered = 0;
        for (var tick = first; tick <= windowEnd; tick = tick == windowEnd ? long.MaxValue : Math.Min(tick + second, windowEnd))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), tick);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var now = Stopwatch.GetTimestamp();
            var elapsed = Stopwatch.GetElapsedTime(previousTick, now).TotalSeconds;
            var server = ReadServer(serverPid);
            var tool = ReadTool();
            var delivery = metrics.Delivery.TakeInterval();
            var ack = metrics.Ack.TakeInterval();
            var latency = delivery.Count > 0 ? delivery : ack;
            timeline.Add(new TimePoint(
                Math.Round((double)(tick - windowStart) / second, 3),
                metrics.Sent - sent,
                metrics.Acked - acked,
                metrics.Deliveries - delivered,
                latency.P50,
                latency.P99,
                latency.Max,
                ack.P99,
                server is { } s && previousServer is { } ps && elapsed > 0 ? Math.Round(100 * (s.CpuTime - ps.CpuTime).TotalSeconds / elapsed, 1) : null,
                server is { } m ? Math.Round(m.ResidentBytes / 1048576.0, 1) : null,
                elapsed > 0 ? Math.Round(100 * (tool.CpuTime - previousTool.CpuTime).TotalSeconds / elapsed, 1) : 0));
            (sent, acked, delivered) = (metrics.Sent, metrics.Acked, metrics.Deliveries);
            peak = Math.Max(peak, server?.ResidentBytes ?? 0);
            if (tick == windowStart)
            {
                serverStart = server;
                toolStart = tool;
                toolGcStart = GcSnapshot.Now();
            }

            if (tick == windowEnd)
            {
                serverEnd = server;
                toolEnd = tool;
                toolGcEnd = GcSnapshot.Now();
            }

            (previousTick, previousServer, previousTool) = (now, server, tool);
        }

        return new SampleResult(timeline, serverStart, serverEnd, peak, toolStart, toolEnd, toolGcStart, toolGcEnd);
    }

    public static ProcessUsage? ReadServer(int? pid) => pid is { } id && ProcessUsage.TryRead(id, out var usage) ? usage : null;

    public static ProcessUsage ReadTool()
    {
        if (ProcessUsage.TryRead(Environment.ProcessId, out var usage))
        {
            return usage;
        }

        using var self = Process.GetCurrentProcess();
        return new ProcessUsage(self.TotalProcessorTime, self.WorkingSet64);
    }
}
