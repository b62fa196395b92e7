using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

public sealed partial class RoomGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} deleted by {Caller}")]
    private partial void LogRoomDeleted(string roomId, string caller);
}
