namespace Chat.Tests.Infrastructure;

/// <summary>The embedded store's files read as bytes, the way someone with the disk would read them.</summary>
public static class RawStore
{
    /// <summary>Whether the UTF-8 bytes of <paramref name="text"/> appear in any of the store's files (<c>chat.db</c>, its WAL and journal).</summary>
    public static bool Contains(string dataDirectory, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var file in Directory.GetFiles(dataDirectory, "chat.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
