using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Rooms;

/// <summary>Limits of a room, bound from <c>Chat:Rooms</c>.</summary>
public sealed class RoomOptions
{
    public const string Section = "Chat:Rooms";

    /// <summary>Longest message text, in characters, after trimming.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>How many recent messages a room keeps in memory (served to joiners and to history pages without a store read).</summary>
    [Range(1, 10_000)]
    public int RecentWindowSize { get; set; } = 100;

    /// <summary>How many of the room's latest messages a re-sent client message id is recognised among.</summary>
    [Range(1, 100_000)]
    public int IdempotencyHorizon { get; set; } = 1000;

    /// <summary>Whether messages are analysed (sentiment, profanity) after they are acknowledged.</summary>
    public bool AnalyzeMessages { get; set; } = true;

    /// <summary>Shortest time between two typing notices of one user in one room.</summary>
    public TimeSpan TypingThrottle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most writes that may wait for the room's store at once. Past it new messages are refused with
    /// <c>Unavailable</c> (send again shortly): an overloaded room sheds load instead of queueing it.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxPendingWrites { get; set; } = 1000;

    /// <summary>Most members a room may have.</summary>
    [Range(1, 1_000_000)]
    public int MaxMembers { get; set; } = 10_000;
}
