namespace Chat.LoadTest.Reporting;

/// <summary>One step of a step-up run: the rate asked (msg/s), what it gave, and whether every threshold held.</summary>
public sealed record StepResult(
    int Step,
    string Phase,
    double Rate,
    double DeliveriesPerSecond,
    double DeliveryP50,
    double DeliveryP99,
    long Loss,
    double? ServerCpuMicrosecondsPerDelivery,
    double ToolCpuPercent,
    bool Held);
