using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Chat.Silo.Storage;

/// <summary>
/// Moves a directory kept by an earlier version (one grain state record holding every room) into
/// <see cref="IRoomDirectory"/> when the silo starts, then deletes that record. Rooms the store already knows keep
/// their newer summary. Runs on every start and does nothing once the record is gone; silos starting together may
/// both import, which is harmless.
/// </summary>
public sealed partial class LegacyRoomDirectoryImport(
    IGrainFactory grains,
    IGrainStorage storage,
    IRoomDirectory directory,
    ILogger<LegacyRoomDirectoryImport> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LegacyRoomDirectoryImport), ServiceLifecycleStage.Active, ImportAsync);

    /// <summary>Imports the old record, if any; returns how many rooms were added to the store.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var grainId = grains.Reference<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).GetGrainId();
        var legacy = new GrainState<LegacyRoomDirectoryState>(new LegacyRoomDirectoryState());
        await storage.ReadStateAsync(LegacyRoomDirectoryState.StateName, grainId, legacy).ConfigureAwait(false);
        if (!legacy.RecordExists || legacy.State is not { } state)
        {
            return 0;
        }

        var added = 0;
        foreach (var chunk in state.Rooms.Values.Chunk(100))
        {
            var known = (await directory.GetAsync(chunk.Select(room => room.Id).ToArray(), cancellationToken).ConfigureAwait(false))
                .Select(room => room.Id)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var room in chunk.Where(room => !known.Contains(room.Id)))
            {
                await directory.UpsertAsync(room, cancellationToken).ConfigureAwait(false);
                added++;
            }
        }

        try
        {
            await storage.ClearStateAsync(LegacyRoomDirectoryState.StateName, grainId, legacy).ConfigureAwait(false);
        }
        catch (InconsistentStateException)
        {
            // Another silo imported and cleared it at the same time.
        }

        LogImported(state.Rooms.Count, added);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the earlier room directory: {Rooms} rooms, {Added} of them new to the store")]
    private partial void LogImported(int rooms, int added);
}
