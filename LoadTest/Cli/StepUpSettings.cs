namespace Chat.LoadTest.Cli;

/// <summary>Step-up mode: from <paramref name="Start"/> msg/s, times <paramref name="Factor"/> per step, up to <paramref name="Max"/>.</summary>
public sealed record StepUpSettings(double Start, double Factor, double Max);
