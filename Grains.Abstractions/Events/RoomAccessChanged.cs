namespace Chat.Grains.Abstractions.Events;

/// <summary>
/// Who may receive a room's events changed: the room was deleted, or it is private and <see cref="Members"/> are the
/// only users allowed. Front silos drop every local connection that is no longer allowed.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.room-access-changed")]
public sealed record RoomAccessChanged(
    string RoomId,
    [property: Id(0)] bool Deleted,
    [property: Id(1)] bool IsPrivate,
    [property: Id(2)] IReadOnlyList<string> Members) : RoomEvent(RoomId)
{
    /// <summary>Whether a user may still receive the room's events.</summary>
    public bool Allows(string userName) => !Deleted && (!IsPrivate || Members.Contains(userName));
}
