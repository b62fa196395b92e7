namespace Chat.Grains.Abstractions.Delivery;

/// <summary>Whose events a <see cref="Topic"/> carries.</summary>
[GenerateSerializer, Alias("chat.topic-kind")]
public enum TopicKind
{
    Room = 0,
    User = 1,
}
