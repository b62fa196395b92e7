using Chat.Grains.Abstractions;

namespace Chat.Api.Hubs;

/// <summary>A stream local connections listen to: a room's, or a user's own (notifications).</summary>
public readonly record struct Topic(string Namespace, string Id)
{
    public static Topic Room(string roomId) => new(ChatNames.RoomStreamNamespace, roomId);

    public static Topic User(string userName) => new(ChatNames.UserStreamNamespace, userName);

    public bool IsRoom => Namespace == ChatNames.RoomStreamNamespace;

    /// <summary>The SignalR group of the topic's local connections.</summary>
    public string Group => $"{Namespace}:{Id}";
}
