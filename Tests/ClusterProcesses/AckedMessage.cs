using Chat.Grains.Abstractions.Messages;

namespace Chat.Tests.ClusterProcesses;

/// <summary>A message the server acknowledged (returned as stored), with when it was first sent and when the acknowledgement came.</summary>
public sealed record AckedMessage(ChatMessage Message, DateTimeOffset FirstSentAt, DateTimeOffset AckedAt, int Attempts);
