using Chat.Grains.Encryption;

namespace Chat.Silo.Hosting;

/// <summary>
/// A local message-encryption key for Development, kept in the data directory (so messages stay readable across
/// restarts) and never in the repository. Only the host decides when to use it: in Development, when no key is
/// configured. Production reads keys from the environment or a parameter store and never calls this.
/// </summary>
public static class DevelopmentKeyStore
{
    /// <summary>File name of the key inside the data directory.</summary>
    public const string FileName = "encryption-development.key";

    /// <summary>Key id under which the development key is used.</summary>
    public const string KeyId = "development";

    /// <summary>
    /// When <paramref name="options"/> has no keys, loads the development key from
    /// <paramref name="dataDirectory"/> (creating it the first time) and makes it the current key. Returns the
    /// key file's path when it did, or null when keys were configured and nothing was changed.
    /// </summary>
    public static string? ApplyIfNoKeys(EncryptionOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys.Count > 0)
        {
            return null;
        }

        options.Keys[KeyId] = LoadOrCreateKey(dataDirectory, out var path);
        if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
        {
            options.CurrentKeyId = KeyId;
        }

        return path;
    }

    /// <summary>
    /// Returns the base64 key stored in <paramref name="dataDirectory"/>, made by <see cref="DevelopmentKeyFile"/> the
    /// first time, after checking that it is a <see cref="MessageKeyRing.KeySize"/>-byte key.
    /// </summary>
    private static string LoadOrCreateKey(string dataDirectory, out string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        path = Path.Combine(dataDirectory, FileName);
        var key = DevelopmentKeyFile.ReadOrCreate(path, MessageKeyRing.KeySize, out _);
        if (!EncryptionOptionsValidator.TryDecodeKey(key, out _))
        {
            throw new InvalidDataException(
                $"The development encryption key file '{path}' does not hold a base64 {MessageKeyRing.KeySize}-byte key. Delete it to generate a new one; messages encrypted with the old key can then no longer be read.");
        }

        return key;
    }
}
