namespace Chat.Grains.Abstractions.Users;

/// <summary>A user's public profile and the rooms the user belongs to.</summary>
[GenerateSerializer, Immutable, Alias("chat.user-profile")]
public sealed record UserProfile(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<string> Rooms);
