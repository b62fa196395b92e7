namespace Chat.LoadTest.Thresholds;

/// <summary>How a threshold compares the run's figure with its limit; the threshold breaks when the comparison holds.</summary>
public enum ThresholdOperator
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}
