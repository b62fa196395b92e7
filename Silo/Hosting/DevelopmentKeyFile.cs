using System.Security.Cryptography;

namespace Chat.Silo.Hosting;

/// <summary>
/// The one generator of Development keys (the JWT signing key, the message-encryption key): a random key in a file
/// of the data directory, so that tokens and encrypted messages survive restarts, never in the repository.
/// The first caller creates the file exclusively (<see cref="FileMode.CreateNew"/>, which the OS does atomically),
/// readable and writable by the owner only (mode 0600 where the OS has modes), and writes the key into it; every
/// later or concurrent caller reads that file, waiting briefly while the creator is still writing, so two processes
/// starting together end up with the same key. (A temporary file moved into place is not enough: where the file
/// system cannot hard-link, .NET's no-overwrite move falls back to a rename that can replace a file just put there.)
/// Production never calls this.
/// </summary>
public static class DevelopmentKeyFile
{
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns the base64 key stored at <paramref name="path"/> (trimmed), first creating it from
    /// <paramref name="byteCount"/> random bytes when there is no file. <paramref name="created"/> tells whether this
    /// call wrote it.
    /// </summary>
    public static string ReadOrCreate(string path, int byteCount, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCount, 16);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        created = TryCreate(path, byteCount, out var key);
        return created ? key : ReadWritten(path, Base64Length(byteCount));
    }

    private static bool TryCreate(string path, int byteCount, out string key)
    {
        key = "";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream file;
        try
        {
            file = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // there is a key already, or another caller is writing it
        }

        var bytes = RandomNumberGenerator.GetBytes(byteCount);
        try
        {
            key = Convert.ToBase64String(bytes);
            using var writer = new StreamWriter(file);
            writer.Write(key);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The stored key, once its creator has written all of it (bounded: an older, shorter key is taken as it is).</summary>
    private static string ReadWritten(string path, int expectedLength)
    {
        var deadline = DateTime.UtcNow + WriterWait;
        while (true)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length >= expectedLength || (text.Length > 0 && DateTime.UtcNow >= deadline))
            {
                return text;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"The development key file {path} stayed empty: delete it and start again.");
            }

            Thread.Sleep(10); // its creator is between creating the file and writing the key
        }
    }

    private static int Base64Length(int byteCount) => (byteCount + 2) / 3 * 4;
}
