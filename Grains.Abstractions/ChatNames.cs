namespace Chat.Grains.Abstractions;

/// <summary>Names shared by silos and grains: providers, stream namespaces, storage.</summary>
public static class ChatNames
{
    /// <summary>The stream provider that carries room and user events.</summary>
    public const string StreamProvider = "chat";

    /// <summary>Stream namespace of a room's events; the stream key is the room id.</summary>
    public const string RoomStreamNamespace = "room";

    /// <summary>Stream namespace of a user's events (notifications); the stream key is the user name.</summary>
    public const string UserStreamNamespace = "user";

    /// <summary>Grain storage for chat grains (rooms, users, directory).</summary>
    public const string GrainStorage = "chat";

    /// <summary>Grain storage Orleans uses for stream subscriptions.</summary>
    public const string PubSubStorage = "PubSubStore";
}
