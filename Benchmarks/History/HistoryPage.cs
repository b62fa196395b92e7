namespace Chat.Benchmarks.History;

/// <summary>Which history page a benchmark reads.</summary>
public enum HistoryPage
{
    /// <summary>The newest 50 messages: what a join or a first history request asks for.</summary>
    Newest,

    /// <summary>50 messages after a seq inside the window: what a reconnecting client asks for.</summary>
    AfterSeq,
}
