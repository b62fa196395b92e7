using Chat.Grains.Rooms;

namespace Chat.Tests.Grains;

/// <summary>A room's persistent state in memory, for unit tests of the room's parts; writes can be made to fail.</summary>
internal sealed class StoredRoom : IPersistentState<RoomState>
{
    private int _skip;
    private int _failing;

    public RoomState State { get; set; } = new();

    public string? Etag => null;

    public bool RecordExists { get; set; }

    /// <summary>How many writes (and clears) went through.</summary>
    public int Writes { get; private set; }

    /// <summary>The next <paramref name="count"/> writes or clears, after <paramref name="skip"/> that succeed, fail.</summary>
    public void FailWrites(int skip, int count) => (_skip, _failing) = (skip, count);

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

    public Task ReadStateAsync() => Task.CompletedTask;

    public Task ClearStateAsync(CancellationToken cancellationToken)
    {
        Store();
        State = new RoomState();
        RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken)
    {
        Store();
        RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ReadStateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Store()
    {
        if (_skip > 0)
        {
            _skip--;
        }
        else if (_failing > 0)
        {
            _failing--;
            throw new IOException("The store refused the write.");
        }

        Writes++;
    }
}
