using Chat.Grains.Abstractions.Messages;

namespace Chat.Tests.ClusterProcesses;

/// <summary>What the history of a room must look like whatever failed on the way.</summary>
public static class HistoryAssert
{
    /// <summary>Seqs run 1, 2, 3, … with no gap and no duplicate; no message id and no (author, clientMessageId) twice.</summary>
    public static void IsContiguous(IReadOnlyList<ChatMessage> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Seq != i + 1)
            {
                Assert.Fail($"History breaks at position {i}: seq {history[i].Seq} where {i + 1} was due (previous: {(i == 0 ? "none" : history[i - 1].Seq)}).");
            }
        }

        var repeatedIds = history.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeatedIds.Count == 0, $"Message ids stored twice: {string.Join(", ", repeatedIds.Take(5))}");
        var repeatedClientIds = history.Where(m => m.ClientMessageId is not null)
            .GroupBy(m => (m.Author, m.ClientMessageId)).Where(g => g.Count() > 1).Select(g => g.Key.ClientMessageId).ToList();
        Assert.True(repeatedClientIds.Count == 0, $"Client message ids stored twice (a retried send not recognised): {string.Join(", ", repeatedClientIds.Take(5))}");
    }

    /// <summary>Every acknowledged message is in the history as it was acknowledged (same seq, id and text).</summary>
    public static void ContainsEveryAcknowledged(IReadOnlyList<ChatMessage> history, IEnumerable<AckedMessage> acknowledged)
    {
        var bySeq = history.ToDictionary(m => m.Seq);
        var missing = new List<string>();
        foreach (var acked in acknowledged)
        {
            var message = acked.Message;
            if (!bySeq.TryGetValue(message.Seq, out var stored) || stored.Id != message.Id || stored.Text != message.Text)
            {
                missing.Add($"{message.ClientMessageId} (seq {message.Seq})");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged message(s) are not in the history: {string.Join(", ", missing.Take(10))}");
    }

    /// <summary>Seqs strictly increase (each once, in order), possibly with gaps.</summary>
    public static void StrictlyIncreasing(IEnumerable<long> seqs, string who)
    {
        long previous = 0;
        foreach (var seq in seqs)
        {
            Assert.True(seq > previous, $"{who}: seq {seq} came after {previous} (out of order or twice).");
            previous = seq;
        }
    }
}
