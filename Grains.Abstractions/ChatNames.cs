namespace Chat.Grains.Abstractions;

/// <summary>Names shared by silos and grains: storage providers.</summary>
public static class ChatNames
{
    /// <summary>Grain storage for chat grains (rooms, users, directory).</summary>
    public const string GrainStorage = "chat";
}
