namespace Chat.Grains.Abstractions.Rooms;

/// <summary>The list of rooms (a single grain, key <see cref="Key"/>); rooms report themselves here.</summary>
[Alias("chat.room-directory")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("upsert")]
    Task Upsert(RoomSummary room);

    [Alias("remove")]
    Task Remove(string roomId);

    /// <summary>Rooms the user may see: every public room and the private rooms the user belongs to, ordered by id.</summary>
    [Alias("list"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RoomSummary>> List(string caller);
}
