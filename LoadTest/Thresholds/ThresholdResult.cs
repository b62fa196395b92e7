namespace Chat.LoadTest.Thresholds;

/// <summary>A threshold checked against a run: the figure found (null when the run has none) and whether it broke.</summary>
public sealed record ThresholdResult(string Condition, double? Actual, bool Breached);
