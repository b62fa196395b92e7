using System.Security.Cryptography;

namespace Chat.Grains.Encryption;

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

        options.Keys[KeyId] = LoadOrCreateKey(dataDirectory, out var path, out _);
        if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
        {
            options.CurrentKeyId = KeyId;
        }

        return path;
    }

    /// <summary>
    /// Returns the base64 key stored in <paramref name="dataDirectory"/>, first generating a random 32-byte one
    /// (file readable by the owner only, where the OS has modes) if there is none. Two processes starting together
    /// end up with the same key: the file is written aside and moved into place without overwriting.
    /// </summary>
    public static string LoadOrCreateKey(string dataDirectory, out string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        path = Path.Combine(dataDirectory, FileName);
        created = false;
        if (!File.Exists(path))
        {
            created = TryCreate(path);
        }

        var key = File.ReadAllText(path).Trim();
        if (!EncryptionOptionsValidator.TryDecodeKey(key, out _))
        {
            throw new InvalidDataException(
                $"The development encryption key file '{path}' does not hold a base64 {MessageKeyRing.KeySize}-byte key. Delete it to generate a new one; messages encrypted with the old key can then no longer be read.");
        }

        return key;
    }

    private static bool TryCreate(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var key = RandomNumberGenerator.GetBytes(MessageKeyRing.KeySize);
            using (var writer = new StreamWriter(temporary, options))
            {
                writer.Write(Convert.ToBase64String(key));
            }

            CryptographicOperations.ZeroMemory(key);
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
