using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

public sealed partial class RoomGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} created by {Owner} (private: {IsPrivate})")]
    private partial void LogRoomCreated(string roomId, string owner, bool isPrivate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId} of {Owner} could not be created; rolling it back")]
    private partial void LogCreateFailed(Exception error, string roomId, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId} could not be rolled back after a failed creation; it stays invisible until its id is created again")]
    private partial void LogCreateRollBackFailed(Exception error, string roomId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} deleted by {Caller}")]
    private partial void LogRoomDeleted(string roomId, string caller);
}
