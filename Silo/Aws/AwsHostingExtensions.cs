using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Chat.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Chat.Silo.Aws;

/// <summary>
/// A silo on EC2: configuration from the instance metadata service and Parameter Store (<see cref="AwsOptions"/>).
/// Both hosts call <see cref="AddChatAws"/> before <c>AddChatSilo</c>, so that the silo is configured with what they add.
/// </summary>
public static class AwsHostingExtensions
{
    public static IHostApplicationBuilder AddChatAws(this IHostApplicationBuilder builder)
    {
        // Needed now: it decides which configuration sources to add.
        var options = builder.Configuration.GetValidated<AwsOptions>(AwsOptions.Section);
        builder.Services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Added after the environment and the command line, so on EC2 these values win over anything set there.
        if (!string.IsNullOrEmpty(options.ParameterStorePath))
        {
            builder.Configuration.Add(new ParameterStoreConfigurationSource(() => CreateClient(options), options.ParameterStorePath));
        }

        if (options.UseInstanceMetadata)
        {
            builder.Configuration.Add(new InstanceMetadataConfigurationSource(options.MetadataEndpoint, options.MetadataTimeout));
            var instanceId = builder.Configuration[InstanceMetadataConfigurationProvider.InstanceIdKey]
                ?? throw new InvalidOperationException("The instance metadata service gave no instance id.");
            builder.Services.Configure<SiloOptions>(silo => silo.SiloName = instanceId);
        }

        return builder;
    }

    private static AmazonSimpleSystemsManagementClient CreateClient(AwsOptions options) =>
        string.IsNullOrWhiteSpace(options.ParameterStoreServiceUrl)
            // In AWS: the instance role's credentials and the regional endpoint.
            ? new AmazonSimpleSystemsManagementClient(new AmazonSimpleSystemsManagementConfig
            {
                RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region),
            })
            // A local endpoint (tests): ServiceURL with AuthenticationRegion, never RegionEndpoint, and dummy credentials.
            : new AmazonSimpleSystemsManagementClient(
                new BasicAWSCredentials("local", "local"),
                new AmazonSimpleSystemsManagementConfig
                {
                    ServiceURL = options.ParameterStoreServiceUrl,
                    AuthenticationRegion = options.Region,
                });
}
