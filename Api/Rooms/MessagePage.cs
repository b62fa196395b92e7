using Chat.Grains.Abstractions.Messages;

namespace Chat.Api.Rooms;

/// <summary>A page of history, ascending by seq.</summary>
public sealed record MessagePage(IReadOnlyList<ChatMessage> Messages);
