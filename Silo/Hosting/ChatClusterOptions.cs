using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Hosting;

/// <summary>How a silo joins its cluster, bound from <c>Orleans</c>.</summary>
public sealed class ChatClusterOptions
{
    public const string Section = "Orleans";

    /// <summary>Cluster id: silos with the same id form one cluster.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ClusterId { get; set; } = "chat-dev";

    /// <summary>Service id: stays the same across deployments, so stored state stays addressable.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ServiceId { get; set; } = "chat";

    /// <summary>Port for silo-to-silo traffic.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// In cluster mode, the address this silo listens on and tells other silos to reach it at (on EC2: the instance's
    /// private address). Default <c>127.0.0.1</c>.
    /// </summary>
    [Required, RegularExpression(@"^[0-9A-Fa-f.:]{2,45}$")]
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Port for Orleans clients (gateway).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Minutes of inactivity after which a grain is deactivated (its memory freed; state stays in the store).</summary>
    [Range(2, 1440)]
    public int GrainIdleMinutes { get; set; } = 15;
}
