namespace Chat.LoadTest.Reporting;

/// <summary>The counters shown while a run is going.</summary>
public sealed record ProgressSnapshot(
    string Phase,
    TimeSpan Elapsed,
    TimeSpan Total,
    long Attempted,
    long Sent,
    long Acked,
    long Deliveries,
    long ExpectedDeliveries,
    long Errors,
    long InFlight,
    long Skipped,
    long Disconnects,
    double AckP99,
    double DeliveryP99);
