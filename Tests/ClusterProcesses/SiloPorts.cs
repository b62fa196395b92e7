using Chat.Tests.Infrastructure;

namespace Chat.Tests.ClusterProcesses;

/// <summary>The loopback ports one silo process listens on: Orleans' silo and gateway ports, and HTTP for a front silo.</summary>
public sealed record SiloPorts(int Silo, int Gateway, int? Http)
{
    /// <summary>Ports free at the moment of the call (nothing reserves them: see <see cref="SiloProcess"/>).</summary>
    public static SiloPorts Free(SiloRole role) =>
        new(FreePort.Next(), FreePort.Next(), role == SiloRole.Front ? FreePort.Next() : null);
}
