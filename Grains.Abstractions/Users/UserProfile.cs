namespace Chat.Grains.Abstractions.Users;

/// <summary>A user's profile, the rooms the user belongs to and the user's read position in each.</summary>
[GenerateSerializer, Immutable, Alias("chat.user-profile")]
public sealed record UserProfile(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<string> Rooms,
    [property: Id(4)] string? Email = null,
    [property: Id(5)] IReadOnlyList<RoomReadState>? ReadStates = null);
