namespace Chat.Silo.Storage;

/// <summary>What every grain storage does with the answer of a read: the stored state with its ETag, or no record.</summary>
internal static class GrainStateReads
{
    public static void Found<T>(IGrainState<T> grainState, string etag, T? state)
    {
        grainState.ETag = etag;
        grainState.State = state;
        grainState.RecordExists = true;
    }

    public static void Missing<T>(IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
