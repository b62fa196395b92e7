namespace Chat.Silo.Storage.Sqlite;

/// <summary>
/// When the embedded store's WAL starts over (<see cref="SqliteCheckpointer"/>). <see cref="FinishPages"/>: once a
/// pass finds the WAL this long, the writer finishes it, which costs the writer a short checkpoint (an fsync of the
/// database, about 10 ms on the development machine) and lets the WAL start over. <see cref="SafetyNetPages"/>: the
/// writer's own automatic checkpoint, should the checkpointer fall behind. Pages are 4 KB.
/// </summary>
internal sealed record SqliteCheckpointSettings(int FinishPages, int SafetyNetPages)
{
    /// <summary>32 MB and 64 MB: at 9,500 deliveries/s (about 8 MB of WAL a second) the writer finishes every 4 s.</summary>
    public static readonly SqliteCheckpointSettings Default = new(8_192, 16_384);
}
