namespace Chat.LoadTest.Measurement;

/// <summary>What one received seq meant for its receiver and room.</summary>
public enum SeqObservation
{
    /// <summary>The next seq: nothing missing.</summary>
    InOrder,

    /// <summary>Seqs were skipped: they are missing until they arrive late.</summary>
    Gap,

    /// <summary>A seq that had been missing arrived after a higher one.</summary>
    Late,

    /// <summary>A seq already received (or from before the join).</summary>
    Duplicate,
}
