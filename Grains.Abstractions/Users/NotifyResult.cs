namespace Chat.Grains.Abstractions.Users;

/// <summary>How a notification went: stored (the user exists), whether the user had a live connection, and where to e-mail otherwise.</summary>
[GenerateSerializer, Immutable, Alias("chat.notify-result")]
public sealed record NotifyResult(
    [property: Id(0)] bool Stored,
    [property: Id(1)] bool Online,
    [property: Id(2)] string? Email,
    [property: Id(3)] Notification? Notification);
