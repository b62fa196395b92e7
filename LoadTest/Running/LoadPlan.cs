using System.Globalization;

namespace Chat.LoadTest.Running;

/// <summary>
/// Who is who in a run: user and room names (unique per run) and which rooms each user joins. User i joins
/// rooms i, i+1, ... (modulo the room count), so members spread evenly over the rooms.
/// </summary>
public sealed class LoadPlan
{
    private readonly int[][] _roomsOfUser;
    private readonly int[] _membersOfRoom;

    private LoadPlan(string runId, int users, int rooms, int roomsPerUser)
    {
        RunId = runId;
        UserNames = [.. Enumerable.Range(0, users).Select(i => string.Create(CultureInfo.InvariantCulture, $"lt-{runId}-{i:D4}"))];
        RoomIds = [.. Enumerable.Range(0, rooms).Select(r => string.Create(CultureInfo.InvariantCulture, $"lt-{runId}-room-{r}"))];
        _roomsOfUser = [.. Enumerable.Range(0, users).Select(i => Enumerable.Range(0, roomsPerUser).Select(k => (i + k) % rooms).ToArray())];
        _membersOfRoom = new int[rooms];
        foreach (var room in _roomsOfUser.SelectMany(r => r))
        {
            _membersOfRoom[room]++;
        }
    }

    public string RunId { get; }

    public IReadOnlyList<string> UserNames { get; }

    public IReadOnlyList<string> RoomIds { get; }

    public static LoadPlan Create(string runId, int users, int rooms, int roomsPerUser)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rooms, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(roomsPerUser, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(roomsPerUser, rooms);
        return new LoadPlan(runId, users, rooms, roomsPerUser);
    }

    /// <summary>A fresh run id: 8 lower-case hex characters, valid in user names, room ids and client message ids.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<int> RoomsOf(int user) => _roomsOfUser[user];

    public int MembersOf(int room) => _membersOfRoom[room];
}
