using System.Globalization;

namespace Chat.LoadTest.Running;

/// <summary>
/// Who is who in a run: <c>rooms × members</c> users, user <c>i</c> a member of room <c>i / members</c>, the first
/// <c>senders</c> members of each room sending. Names come from a prefix, not from the run, so later runs with the
/// same prefix reuse the users and rooms (and cached tokens). User <c>i</c> talks to base URL <c>i mod urls</c>: with
/// several front silos, a room's members (its senders too) alternate between them.
/// </summary>
public sealed class LoadPlan
{
    public const int MaxPrefixLength = 20;

    private LoadPlan(string prefix, string runId, int rooms, int members, int senders, int urls)
    {
        RunId = runId;
        Rooms = rooms;
        Members = members;
        Senders = senders;
        Urls = urls;
        UserNames = [.. Enumerable.Range(0, rooms * members).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-u{i:D5}"))];
        RoomIds = [.. Enumerable.Range(0, rooms).Select(r => string.Create(CultureInfo.InvariantCulture, $"{prefix}-r{r:D5}"))];
    }

    public string RunId { get; }

    public int Rooms { get; }

    public int Members { get; }

    public int Senders { get; }

    public int Urls { get; }

    public int Users => UserNames.Count;

    public IReadOnlyList<string> UserNames { get; }

    public IReadOnlyList<string> RoomIds { get; }

    public static LoadPlan Create(string prefix, string runId, int rooms, int members, int senders, int urls)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rooms, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(senders, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(senders, members);
        ArgumentOutOfRangeException.ThrowIfLessThan(urls, 1);
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException($"A prefix is 1 to {MaxPrefixLength} characters: lower-case letters, digits and '-'.", nameof(prefix));
        }

        return new LoadPlan(prefix, runId, rooms, members, senders, urls);
    }

    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: > 0 and <= MaxPrefixLength } && prefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>A fresh run id: 8 lower-case hex characters, valid in client message ids.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..8];

    public int RoomOf(int user) => user / Members;

    public bool IsSender(int user) => user % Members < Senders;

    public int UrlOf(int user) => user % Urls;

    /// <summary>
    /// The base URL a room is created through: the rooms take the URLs in turn. Orleans places a room's grain near the
    /// silo that first uses it, and each room's first member is always on the first URL.
    /// </summary>
    public int RoomUrlOf(int room) => room % Urls;

    /// <summary>
    /// The users that send: each room's first sender, then each room's second, and so on. The open model gives the
    /// actors consecutive sends in this order, so a room's senders take turns spread over the round instead of sending
    /// back to back: room by room, a room's two senders fired within the same timer tick, and every message came with
    /// a twin the server could deliver in the same socket write, which flattered a server that stores nothing.
    /// </summary>
    public IEnumerable<int> SenderIndexes() =>
        Enumerable.Range(0, Senders).SelectMany(sender => Enumerable.Range(0, Rooms).Select(room => (room * Members) + sender));
}
