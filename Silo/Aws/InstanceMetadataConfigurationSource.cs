using Microsoft.Extensions.Configuration;

namespace Chat.Silo.Aws;

/// <summary>Adds what the instance metadata service says about this instance to configuration (<see cref="InstanceMetadataConfigurationProvider"/>).</summary>
public sealed class InstanceMetadataConfigurationSource(Uri endpoint, TimeSpan timeout) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new InstanceMetadataConfigurationProvider(endpoint, timeout);
}
