namespace Chat.Silo.Hosting;

/// <summary>Where the embedded store lives, bound from <c>Chat</c>.</summary>
public sealed class ChatStorageOptions
{
    public const string Section = "Chat";

    /// <summary>Folder of the embedded store (SQLite). Relative paths are taken from the content root; default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The data directory as an absolute path.</summary>
    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}
