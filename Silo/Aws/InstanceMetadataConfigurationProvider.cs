using Chat.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Chat.Silo.Aws;

/// <summary>
/// On EC2: the instance id becomes <c>Chat:Api:InstanceName</c> (the host part of <c>X-Served-By</c>) and
/// <c>Chat:Aws:InstanceId</c> (the silo's name); the private IPv4 address becomes <c>Orleans:AdvertisedIPAddress</c>, the
/// address the silo listens on and tells the others. Loading fails, and so does the start, when the service does not
/// answer: a silo that advertised the wrong address would be unreachable for the rest of the cluster.
/// </summary>
public sealed class InstanceMetadataConfigurationProvider(Uri endpoint, TimeSpan timeout) : ConfigurationProvider
{
    public const string InstanceIdKey = AwsOptions.Section + ":InstanceId";
    public const string InstanceNameKey = "Chat:Api:InstanceName";
    public const string AdvertisedAddressKey = ChatClusterOptions.Section + ":AdvertisedIPAddress";

    public override void Load()
    {
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = timeout };
        var metadata = new InstanceMetadataClient(http);
        try
        {
            var instanceId = metadata.GetInstanceId();
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                [InstanceIdKey] = instanceId,
                [InstanceNameKey] = instanceId,
                [AdvertisedAddressKey] = metadata.GetPrivateIPv4(),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"Chat:Aws:UseInstanceMetadata is on, but the instance metadata service at {endpoint} did not answer: {e.Message}", e);
        }
    }
}
