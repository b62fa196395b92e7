namespace Chat.Silo.Hosting;

/// <summary>Which stores a silo uses (<c>Chat:Mode</c>) and where the embedded one lives (<c>Chat:DataDirectory</c>), bound from <c>Chat</c>.</summary>
public sealed class ChatStorageOptions
{
    public const string Section = "Chat";

    /// <summary><see cref="ChatMode.Embedded"/> (the default) or <see cref="ChatMode.Cluster"/>.</summary>
    public ChatMode Mode { get; set; } = ChatMode.Embedded;

    /// <summary>Folder of the embedded store (SQLite). Relative paths are taken from the content root; default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The mode, for registrations that depend on it (read with <see cref="ValidatedConfiguration.GetValidated{T}"/>).</summary>
    public static ChatMode ModeFrom(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration.GetValidated<ChatStorageOptions>(Section).Mode;

    /// <summary>The data directory as an absolute path.</summary>
    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}
