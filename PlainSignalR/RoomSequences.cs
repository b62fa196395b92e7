using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Chat.PlainSignalR;

/// <summary>Each room's last seq, in memory only: the plain server numbers messages as the real one does, and keeps nothing.</summary>
public sealed class RoomSequences
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _last = new(StringComparer.Ordinal);

    public long Last(string roomId) => _last.TryGetValue(roomId, out var last) ? Volatile.Read(ref last.Value) : 0;

    public long Next(string roomId) => Interlocked.Increment(ref _last.GetOrAdd(roomId, _ => new StrongBox<long>()).Value);
}
