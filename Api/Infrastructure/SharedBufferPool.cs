namespace Chat.Api.Infrastructure;

/// <summary>
/// Sizes the runtime's shared <see cref="System.Buffers.ArrayPool{T}"/> for a front silo. SignalR rents a 4 KB array
/// from it for every write to a connection (its per-connection pipes have no pool of their own) and returns it once the
/// WebSocket has sent it. The pool keeps at most 32 arrays per size for each processor the process may use, so on a
/// silo with one or two cores the writes in flight to a room's members outrun it: every array past those becomes
/// garbage. Under load that is a loop that ends in collapse: writes wait, more are in flight, more arrays are allocated,
/// collections take more of the core (14-16 % of the time at 28,500 deliveries/s), writes wait longer.
/// With room for <see cref="ArraysPerPartition"/> arrays the same server held that rate with 1.9 % of its time in
/// collections (docs/performance.md, "Pooled buffers"). The pool only keeps what was returned, so what it holds is
/// the peak of arrays in flight (4 MB at most per processor for the 4 KB size), and it drops arrays unused for a minute.
/// </summary>
public static class SharedBufferPool
{
    /// <summary>The runtime's setting; it reads it once, when the pool is first used.</summary>
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays of each size the pool keeps per processor, unless the environment says otherwise.</summary>
    public const int ArraysPerPartition = 1024;

    /// <summary>
    /// Sets <see cref="Variable"/> to <see cref="ArraysPerPartition"/> unless the operator set it. Call it first thing
    /// in <c>Main</c>: once anything has used the pool, the setting no longer counts.
    /// </summary>
    public static void Configure()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, ArraysPerPartition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
