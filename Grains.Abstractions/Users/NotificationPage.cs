namespace Chat.Grains.Abstractions.Users;

/// <summary>A page of notifications, newest first, and how many are unread in all.</summary>
[GenerateSerializer, Immutable, Alias("chat.notification-page")]
public sealed record NotificationPage(
    [property: Id(0)] IReadOnlyList<Notification> Notifications,
    [property: Id(1)] int Unread);
