using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Configuration;

namespace Chat.Silo.Aws;

/// <summary>Adds the parameters under a Parameter Store path to configuration (<see cref="ParameterStoreConfigurationProvider"/>).</summary>
public sealed class ParameterStoreConfigurationSource(Func<IAmazonSimpleSystemsManagement> client, string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ParameterStoreConfigurationProvider(client, path);
}
