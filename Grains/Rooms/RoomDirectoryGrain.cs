using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>The room list. Rooms report their summary on every change; listings filter private rooms by membership.</summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", ChatNames.GrainStorage)] IPersistentState<RoomDirectoryState> state) : Grain, IRoomDirectoryGrain
{
    public async Task Upsert(RoomSummary room)
    {
        if (state.State.Rooms.TryGetValue(room.Id, out var known) && SameSummary(known, room))
        {
            return;
        }

        state.State.Rooms[room.Id] = room;
        await state.WriteStateAsync();
    }

    public async Task Remove(string roomId)
    {
        if (state.State.Rooms.Remove(roomId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<RoomSummary>> List(string caller) =>
        Task.FromResult<IReadOnlyList<RoomSummary>>(
            state.State.Rooms.Values.Where(r => !r.IsPrivate || r.Members.Contains(caller)).ToArray());

    private static bool SameSummary(RoomSummary a, RoomSummary b) =>
        a with { Members = [] } == b with { Members = [] } && a.Members.SequenceEqual(b.Members);
}
