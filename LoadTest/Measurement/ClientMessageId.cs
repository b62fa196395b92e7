using System.Globalization;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// The client message id the tool sends: <c>{run}.{user}.{number}.{sentTimestamp}</c>. It carries the send time
/// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp of this process), so a receiver can time a delivery
/// without a shared table, and the run id, so messages of other runs are ignored. At most 64 characters.
/// Parsing reads spans and allocates nothing: it runs once per delivery.
/// </summary>
public readonly record struct ClientMessageId(string RunId, int User, long Number, long SentTimestamp)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RunId}.{User}.{Number}.{SentTimestamp}");

    /// <summary>Reads an id made by this run; false for anything else (another run, another client, no id).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, string runId, out ClientMessageId id)
    {
        id = default;
        if (text.Length <= runId.Length || !text.StartsWith(runId, StringComparison.Ordinal) || text[runId.Length] != '.')
        {
            return false;
        }

        var rest = text[(runId.Length + 1)..];
        if (!TryTake(ref rest, out var user) || user > int.MaxValue || !TryTake(ref rest, out var number) || !TryLast(rest, out var sent))
        {
            return false;
        }

        id = new ClientMessageId(runId, (int)user, number, sent);
        return true;
    }

    private static bool TryTake(ref ReadOnlySpan<char> rest, out long value)
    {
        value = 0;
        var dot = rest.IndexOf('.');
        if (dot < 0 || !TryLast(rest[..dot], out value))
        {
            return false;
        }

        rest = rest[(dot + 1)..];
        return true;
    }

    private static bool TryLast(ReadOnlySpan<char> digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
