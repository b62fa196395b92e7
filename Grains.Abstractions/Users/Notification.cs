using System.Text.Json.Serialization;

namespace Chat.Grains.Abstractions.Users;

/// <summary>
/// Something a user should know about: so far, a mention. <see cref="Id"/> grows by one per user.
/// <see cref="EncryptionKeyId"/> is set only on the stored form of a private room's notification, whose
/// <see cref="Excerpt"/> is then ciphertext; it never leaves the server.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.notification")]
public sealed record Notification(
    [property: Id(0)] long Id,
    [property: Id(1)] string UserName,
    [property: Id(2)] string Kind,
    [property: Id(3)] string RoomId,
    [property: Id(4)] long Seq,
    [property: Id(5)] string From,
    [property: Id(6)] string Excerpt,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] bool Read,
    [property: Id(9), JsonIgnore] string? EncryptionKeyId = null)
{
    public const string Mention = "mention";
}
