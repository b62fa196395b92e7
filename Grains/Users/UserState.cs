namespace Chat.Grains.Users;

/// <summary>A user's durable record.</summary>
[GenerateSerializer, Alias("chat.user-state")]
public sealed class UserState
{
    [Id(0)] public string PasswordHash { get; set; } = "";
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public SortedSet<string> Rooms { get; set; } = new(StringComparer.Ordinal);
}
