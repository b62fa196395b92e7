using Chat.Grains.Abstractions.Messages;

namespace Chat.Tests.Infrastructure;

/// <summary>Tags arrive after a message is acknowledged: comparisons of "the same message" leave them out.</summary>
public static class MessageComparison
{
    public static ChatMessage Untagged(this ChatMessage message) => message with { Tags = null };

    public static IEnumerable<ChatMessage> Untagged(this IEnumerable<ChatMessage> messages) => messages.Select(m => m.Untagged());
}
