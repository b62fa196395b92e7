using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Chat.Silo.Hosting;

/// <summary>Adds the Orleans Dashboard's statistics collection to a silo when <c>Chat:Dashboard:Enabled</c> is set.</summary>
public static class DashboardSiloExtensions
{
    /// <summary>Binds <see cref="ChatDashboardOptions"/> and, when enabled, adds the dashboard's services to the silo.</summary>
    public static ISiloBuilder AddChatDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<ChatDashboardOptions>().BindConfiguration(ChatDashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetValidated<ChatDashboardOptions>(ChatDashboardOptions.Section);
        if (options.Enabled)
        {
            silo.AddDashboard(dashboard => dashboard.HideTrace = !options.ShowTrace);
        }

        return silo;
    }
}
