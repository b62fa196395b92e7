using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Chat.LoadTest.Thresholds;

/// <summary>
/// A failure condition given as <c>--fail-if "p99>100ms"</c>: a figure of the run (<see cref="Metrics"/>), an operator
/// (<c>&gt; &gt;= &lt; &lt;=</c>) and a limit. Latencies take a unit (<c>us</c>, <c>ms</c>, <c>s</c>; milliseconds when
/// none is given) and are compared in milliseconds; the other figures are plain numbers.
/// </summary>
public sealed record Threshold(string Metric, ThresholdOperator Operator, double Limit, string Text)
{
    /// <summary>The figures a threshold can name, with what they mean.</summary>
    public static readonly IReadOnlyDictionary<string, string> Metrics = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["p50"] = "delivery latency p50 (request latency for history and http-post), ms",
        ["p90"] = "delivery latency p90, ms",
        ["p99"] = "delivery latency p99, ms",
        ["p999"] = "delivery latency p99.9, ms",
        ["max"] = "delivery latency max, ms",
        ["mean"] = "delivery latency mean, ms",
        ["ack-p50"] = "send → ack latency p50, ms",
        ["ack-p99"] = "send → ack latency p99, ms",
        ["answer-max"] = "longest wait of a send or request for its answer (acknowledged, refused or failed), ms",
        ["loss"] = "deliveries owed but never received + failed sends or requests",
        ["errors"] = "failed sends or requests",
        ["skipped"] = "sends skipped because too many were waiting for their ack",
        ["disconnects"] = "connections closed during the run",
        ["rate"] = "deliveries per second (requests per second for history and http-post)",
        ["cpu-us"] = "server CPU microseconds per delivery (needs --server-pid)",
    };

    private static readonly string[] Operators = [">=", "<=", ">", "<"];

    public static bool IsLatency(string metric) => metric is "p50" or "p90" or "p99" or "p999" or "max" or "mean" or "ack-p50" or "ack-p99" or "answer-max";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Threshold? threshold, [NotNullWhen(false)] out string? error)
    {
        threshold = null;
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        foreach (var symbol in Operators)
        {
            var at = compact.IndexOf(symbol, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var metric = compact[..at];
            if (!Metrics.ContainsKey(metric))
            {
                error = $"'{text}': unknown figure '{metric}'; one of {string.Join(", ", Metrics.Keys)}.";
                return false;
            }

            if (!TryParseLimit(metric, compact[(at + symbol.Length)..], out var limit))
            {
                error = IsLatency(metric)
                    ? $"'{text}': the limit must be a number with an optional unit us, ms or s (for example 100ms)."
                    : $"'{text}': the limit must be a plain number.";
                return false;
            }

            var op = symbol switch
            {
                ">=" => ThresholdOperator.GreaterOrEqual,
                "<=" => ThresholdOperator.LessOrEqual,
                ">" => ThresholdOperator.Greater,
                _ => ThresholdOperator.Less,
            };
            threshold = new Threshold(metric, op, limit, compact);
            error = null;
            return true;
        }

        error = $"'{text}' is not a condition such as \"p99>100ms\" or \"loss>0\" (operators > >= < <=).";
        return false;
    }

    /// <summary>True when <paramref name="actual"/> meets the failure condition. A figure the run does not have (null) never breaks it.</summary>
    public bool IsBreachedBy(double? actual) => actual is { } value && Operator switch
    {
        ThresholdOperator.Greater => value > Limit,
        ThresholdOperator.GreaterOrEqual => value >= Limit,
        ThresholdOperator.Less => value < Limit,
        _ => value <= Limit,
    };

    private static bool TryParseLimit(string metric, string text, out double limit)
    {
        limit = 0;
        var (number, scale) = (text, IsLatency(metric)) switch
        {
            (_, true) when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            (_, true) when text.EndsWith("us", StringComparison.Ordinal) || text.EndsWith("µs", StringComparison.Ordinal) => (text[..^2], 0.001),
            (_, true) when text.EndsWith('s') => (text[..^1], 1000.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }

        limit = value * scale;
        return true;
    }
}
