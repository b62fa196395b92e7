using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>The metrics every actor records into; a step-up run puts fresh ones in for each step.</summary>
public sealed class MetricsSlot(RunMetrics initial)
{
    private RunMetrics _current = initial;

    public RunMetrics Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
