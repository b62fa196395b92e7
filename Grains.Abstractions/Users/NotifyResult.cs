namespace Chat.Grains.Abstractions.Users;

/// <summary>
/// How a notification went: stored (the user exists), whether the user had a live connection, and where to e-mail
/// otherwise. <see cref="EmailHeldBack"/>: the recipient was e-mailed within the throttle interval, so no e-mail now;
/// <see cref="HeldBackBefore"/>: how many mentions were held back since the last e-mail (the next one says so).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.notify-result")]
public sealed record NotifyResult(
    [property: Id(0)] bool Stored,
    [property: Id(1)] bool Online,
    [property: Id(2)] string? Email,
    [property: Id(3)] Notification? Notification,
    [property: Id(4)] bool EmailHeldBack = false,
    [property: Id(5)] int HeldBackBefore = 0);
