using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Marks a room read up to a seq, for the hub's <c>MarkRead</c> and its REST twin (both of which have checked the
/// room id already: <c>RoomIdHubFilter</c>, <c>RoomIdFilter</c>).
/// </summary>
public static class ReadMarker
{
    public static async Task<RoomReadState> MarkAsync(IGrainFactory grains, string userName, string roomId, long seq)
    {
        if (seq < 0)
        {
            throw ChatException.Invalid("seq", "seq must be 0 or more.");
        }

        // One call checks the caller's access and gives the last durable seq, the most that can have been read.
        var last = (await grains.Reference<IRoomGrain>(roomId).GetAsync(userName)).LastSeq;
        return await grains.Reference<IUserGrain>(userName).MarkReadAsync(roomId, Math.Min(seq, last));
    }
}
