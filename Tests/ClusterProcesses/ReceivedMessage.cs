using Chat.Grains.Abstractions.Messages;

namespace Chat.Tests.ClusterProcesses;

/// <summary>A message a client was pushed, with the moment it arrived.</summary>
public sealed record ReceivedMessage(ChatMessage Message, DateTimeOffset ReceivedAt);
