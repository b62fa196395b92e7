namespace Chat.Grains.Abstractions.Rooms;

/// <summary>
/// The room directory: rooms report their summary here and listings read it. A stateless worker in front of the
/// directory store, so it has no single activation to outgrow; call it with key <see cref="Key"/>.
/// </summary>
[Alias("chat.room-directory")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("upsert")]
    Task UpsertAsync(RoomSummary room);

    [Alias("remove")]
    Task RemoveAsync(string roomId);

    /// <summary>
    /// A page of the rooms the user may see: public rooms and the private rooms the user belongs to, in the order of
    /// their normalized name (or of the matching topic when only the topic matches the search), then id.
    /// </summary>
    [Alias("list-page"), Orleans.Concurrency.ReadOnly]
    Task<RoomListPage> ListAsync(string caller, RoomListQuery query, CancellationToken cancellationToken = default);

    /// <summary>The rooms in the user's own room list that the user may still see, by id.</summary>
    [Alias("mine"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RoomSummary>> MineAsync(string caller);
}
