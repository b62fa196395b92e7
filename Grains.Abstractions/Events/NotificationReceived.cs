using Chat.Grains.Abstractions.Users;

namespace Chat.Grains.Abstractions.Events;

/// <summary>A notification for a user, pushed to every connection of that user.</summary>
[GenerateSerializer, Immutable, Alias("chat.notification-received")]
public sealed record NotificationReceived([property: Id(0)] Notification Notification) : UserEvent(Notification.UserName);
