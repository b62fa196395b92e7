namespace Chat.LoadTest.Reporting;

/// <summary>
/// A step-up run's result: every step, and the highest send rate that held twice (null if none did) with the
/// deliveries per second its confirmation run measured.
/// </summary>
public sealed record StepUpOutcome(IReadOnlyList<StepResult> Steps, double? HeldRate, double? HeldDeliveriesPerSecond);
