using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Users;

/// <summary>Limits of a user's room list and how often read positions are written, bound from <c>Chat:Users</c>.</summary>
public sealed class UserOptions
{
    public const string Section = "Chat:Users";

    /// <summary>Most rooms a user may create or join. Rooms others added the user to do not count here.</summary>
    [Range(1, 100_000)]
    public int MaxRooms { get; set; } = 1000;

    /// <summary>
    /// Most rooms others may have added a user to. When it is full, a further addition is refused to the one adding:
    /// nothing others do can make the user's own actions fail.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxRoomsAddedByOthers { get; set; } = 1000;

    /// <summary>
    /// Longest a moved read position waits before it is written (with the moves after it). A crash loses at most
    /// this much of them: a few messages show as unread again. Zero writes every move at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ReadPositionWriteDelay { get; set; } = TimeSpan.FromSeconds(5);
}
