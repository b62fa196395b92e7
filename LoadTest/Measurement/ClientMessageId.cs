using System.Globalization;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// The client message id the tool sends: <c>{run}.{user}.{number}.{sentTimestamp}</c>. It carries the send time
/// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp of this process), so a receiver can time a delivery
/// without a shared table, and the run id, so messages of other runs are ignored. At most 64 characters.
/// </summary>
public readonly record struct ClientMessageId(string RunId, int User, long Number, long SentTimestamp)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RunId}.{User}.{Number}.{SentTimestamp}");

    /// <summary>Reads an id made by this run; false for anything else (another run, another client, no id).</summary>
    public static bool TryParse(string? text, string runId, out ClientMessageId id)
    {
        id = default;
        if (text is null || !text.StartsWith(runId + ".", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 4
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
        {
            return false;
        }

        id = new ClientMessageId(runId, user, number, sent);
        return true;
    }
}
