using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;

namespace Chat.Grains.Storage;

/// <summary>
/// What <see cref="IRoomDirectory.ListPublicAsync"/> found. Without <see cref="ScannedTo"/>, <see cref="Rooms"/>
/// are the first listed rooms after the start, up to the limit. With it, the store stopped early to bound its reads:
/// <see cref="Rooms"/> are all the listed rooms with keys up to <see cref="ScannedTo"/> (fewer than the limit, maybe
/// none), and what lies after it was not looked at.
/// </summary>
public sealed record RoomDirectoryPage(IReadOnlyList<RoomSummary> Rooms, RoomListKey? ScannedTo = null);
