namespace Chat.Silo.Hosting;

/// <summary>Which <see cref="ChatMode"/> the silo runs in, bound from <c>Chat:Mode</c>.</summary>
public sealed class ChatModeOptions
{
    public const string Section = "Chat";

    /// <summary><see cref="ChatMode.Embedded"/> (the default) or <see cref="ChatMode.Cluster"/>.</summary>
    public ChatMode Mode { get; set; } = ChatMode.Embedded;

    /// <summary>Reads the mode from configuration.</summary>
    public static ChatMode From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        (configuration.GetSection(Section).Get<ChatModeOptions>() ?? new ChatModeOptions()).Mode;
}
