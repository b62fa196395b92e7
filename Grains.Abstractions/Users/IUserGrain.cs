namespace Chat.Grains.Abstractions.Users;

/// <summary>A user (key: normalized user name): profile, password hash and the rooms the user belongs to.</summary>
[Alias("chat.user")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; false when the name is taken.</summary>
    [Alias("register")]
    Task<bool> Register(string passwordHash, string? displayName);

    /// <summary>The stored password hash, or null when there is no such user.</summary>
    [Alias("password-hash")]
    Task<string?> GetPasswordHash();

    /// <summary>Replaces the stored hash (used when the hasher asks for a rehash).</summary>
    [Alias("set-password-hash")]
    Task SetPasswordHash(string passwordHash);

    [Alias("exists"), Orleans.Concurrency.ReadOnly]
    Task<bool> Exists();

    /// <summary>The profile, or null when there is no such user.</summary>
    [Alias("profile"), Orleans.Concurrency.ReadOnly]
    Task<UserProfile?> GetProfile();

    [Alias("add-room")]
    Task AddRoom(string roomId);

    [Alias("remove-room")]
    Task RemoveRoom(string roomId);
}
