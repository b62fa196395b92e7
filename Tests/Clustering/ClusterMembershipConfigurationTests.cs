using Chat.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Chat.Tests.Clustering;

/// <summary>The cluster's periodic chatter: the chat's defaults apply, and configuration still overrides each value.</summary>
public sealed class ClusterMembershipConfigurationTests
{
    [Fact]
    public void WithoutConfiguration_TheChatsDefaultsApply()
    {
        using var host = Silo([]);

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var publisher = host.Services.GetRequiredService<IOptions<DeploymentLoadPublisherOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), membership.TableRefreshTimeout);
        Assert.Equal(DeploymentLoadPublisherOptions.DEFAULT_DEPLOYMENT_LOAD_PUBLISHER_REFRESH_TIME, publisher.DeploymentLoadPublisherRefreshTime);
    }

    [Fact]
    public void ConfigurationOverridesEachValue()
    {
        using var host = Silo(new()
        {
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["Orleans:LoadPublisher:DeploymentLoadPublisherRefreshTime"] = "00:00:03",
        });

        Assert.Equal(TimeSpan.FromSeconds(2), host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), host.Services.GetRequiredService<IOptions<DeploymentLoadPublisherOptions>>().Value.DeploymentLoadPublisherRefreshTime);
    }

    private static IHost Silo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().BindClusterMembership());
        return builder.Build();
    }
}
