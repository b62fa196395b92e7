using System.Text.Json.Serialization;

namespace Chat.Grains.Abstractions.Messages;

/// <summary>
/// A stored chat message. <see cref="Seq"/> starts at 1 and grows by 1 per room with no gaps.
/// An edited message has <see cref="EditedAt"/>; a deleted one is a tombstone (<see cref="Deleted"/>, empty text).
/// <see cref="Tags"/> arrive after analysis. <see cref="EncryptionKeyId"/> is set only on the stored form of a
/// private room's message, whose <see cref="Text"/> is then ciphertext; it never leaves the server.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.message")]
public sealed record ChatMessage(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Id,
    [property: Id(3)] string Author,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] string? ClientMessageId,
    [property: Id(7)] DateTimeOffset? EditedAt = null,
    [property: Id(8)] bool Deleted = false,
    [property: Id(9)] MessageTags? Tags = null,
    [property: Id(10), JsonIgnore] string? EncryptionKeyId = null);
