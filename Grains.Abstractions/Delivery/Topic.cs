namespace Chat.Grains.Abstractions.Delivery;

/// <summary>What a connection listens to: a room's events, or a user's own (notifications).</summary>
[GenerateSerializer, Immutable, Alias("chat.topic")]
public readonly record struct Topic([property: Id(0)] TopicKind Kind, [property: Id(1)] string Id)
{
    public static Topic Room(string roomId) => new(TopicKind.Room, roomId);

    public static Topic User(string userName) => new(TopicKind.User, userName);

    public bool IsRoom => Kind == TopicKind.Room;

    public override string ToString() => IsRoom ? $"room:{Id}" : $"user:{Id}";
}
