using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Analysis;

/// <summary>
/// Tags a message with its sentiment and profanity. The built-in <see cref="LexiconMessageAnalyzer"/> runs in
/// process; a cloud service can implement this interface later without changing its callers.
/// </summary>
public interface IMessageAnalyzer
{
    Task<MessageTags> AnalyzeAsync(string text, CancellationToken cancellationToken);
}
