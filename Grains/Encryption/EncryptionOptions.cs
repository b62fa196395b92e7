namespace Chat.Grains.Encryption;

/// <summary>
/// Keys that encrypt private rooms' messages at rest, bound from <c>Chat:Encryption</c>. There are no default
/// keys: outside Development they come from the environment or a parameter store (for example
/// <c>Chat__Encryption__Keys__2025-06=&lt;base64&gt;</c> and <c>Chat__Encryption__CurrentKeyId=2025-06</c>); in
/// Development the host may fill them in with a generated key (<c>DevelopmentKeyStore</c> in the silo). Never commit a key.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Chat:Encryption";

    /// <summary>
    /// Every key that may still be needed to decrypt stored messages, by key id (letters, digits, <c>. _ -</c>, at
    /// most 64 characters; compared case-insensitively, as configuration keys are). Each value is a 32-byte
    /// AES-256 key in base64. To rotate, add a new key, make it current, and keep the old ones as long as
    /// messages written with them are kept.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Id of the key in <see cref="Keys"/> that encrypts new messages.</summary>
    public string? CurrentKeyId { get; set; }
}
