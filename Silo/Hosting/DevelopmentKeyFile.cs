using System.Security.Cryptography;

namespace Chat.Silo.Hosting;

/// <summary>
/// The one generator of Development keys (the JWT signing key, the message-encryption key): a random key in a file
/// of the data directory, so that tokens and encrypted messages survive restarts, never in the repository.
/// The first caller writes the key to a temporary file readable and writable by the owner only (mode 0600 where the
/// OS has modes) and moves it into place without overwriting; every later or concurrent caller reads the file that won,
/// so two processes starting together end up with the same key. Production never calls this.
/// </summary>
public static class DevelopmentKeyFile
{
    /// <summary>
    /// Returns the base64 key stored at <paramref name="path"/> (trimmed), first creating it from
    /// <paramref name="byteCount"/> random bytes when there is no file. <paramref name="created"/> tells whether this
    /// call wrote it.
    /// </summary>
    public static string ReadOrCreate(string path, int byteCount, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCount, 16);
        created = !File.Exists(path) && TryCreate(path, byteCount);
        return File.ReadAllText(path).Trim();
    }

    private static bool TryCreate(string path, int byteCount)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var key = RandomNumberGenerator.GetBytes(byteCount);
        try
        {
            using (var writer = new StreamWriter(temporary, options))
            {
                writer.Write(Convert.ToBase64String(key));
            }

            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another caller moved its key into place first: use theirs.
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temporary);
        }
    }
}
