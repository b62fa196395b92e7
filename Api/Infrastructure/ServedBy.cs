using Microsoft.Extensions.Options;

namespace Chat.Api.Infrastructure;

/// <summary>This front silo's name as responses report it: the instance (machine name or configured) and the silo address.</summary>
public sealed class ServedBy(IOptions<ChatApiOptions> options, ILocalSiloDetails silo)
{
    public string Value { get; } = $"{options.Value.InstanceName ?? Environment.MachineName}/{silo.SiloAddress.ToParsableString()}";
}
