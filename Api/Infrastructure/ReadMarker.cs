using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;

namespace Chat.Api.Infrastructure;

/// <summary>Marks a room read up to a seq, for the hub's <c>MarkRead</c> and its REST twin.</summary>
public static class ReadMarker
{
    public static async Task<RoomReadState> MarkAsync(IGrainFactory grains, string userName, string roomId, long seq)
    {
        if (!ChatLimits.IsValidRoomId(roomId))
        {
            throw ChatException.Invalid(ChatLimits.RoomIdRule);
        }

        if (seq < 0)
        {
            throw ChatException.Invalid("seq must be 0 or more.");
        }

        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.GetAsync(userName);
        var last = await room.GetLastSeqAsync();
        return await grains.GetGrain<IUserGrain>(userName).MarkReadAsync(roomId, Math.Min(seq, last));
    }
}
