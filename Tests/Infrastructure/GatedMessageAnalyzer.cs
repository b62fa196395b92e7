using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Analysis;

namespace Chat.Tests.Infrastructure;

/// <summary>The real analyzer, except that texts containing <see cref="HoldMarker"/> wait until <see cref="Release"/>.</summary>
public sealed class GatedMessageAnalyzer : IMessageAnalyzer
{
    public const string HoldMarker = "[hold]";

    private static TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LexiconMessageAnalyzer _inner = new();

    public static void Release() => _gate.TrySetResult();

    public async Task<MessageTags> AnalyzeAsync(string text, CancellationToken cancellationToken)
    {
        if (text.Contains(HoldMarker, StringComparison.Ordinal))
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return await _inner.AnalyzeAsync(text, cancellationToken);
    }
}
