using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Telemetry;

/// <summary>
/// OpenTelemetry metrics of a silo, bound from <c>Chat:Telemetry</c>. On by default: the chat's own meter, the Orleans
/// meters, ASP.NET Core, HTTP client and runtime metrics. Front silos serve them in Prometheus text at
/// <c>/metrics</c> to the administrator (<c>Chat:Dashboard:UserName</c>/<c>Password</c>, HTTP Basic); any silo
/// pushes them over OTLP when <see cref="OtlpEndpoint"/> is set.
/// </summary>
public sealed class ChatTelemetryOptions
{
    public const string Section = "Chat:Telemetry";

    /// <summary>Collect metrics at all. Default <c>true</c>; with <c>false</c> the instruments cost nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Serve Prometheus text at <c>/metrics</c> on front silos (administrators only). Default <c>true</c>.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>OTLP collector endpoint, e.g. <c>http://127.0.0.1:4317</c>; none by default (no export).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    [RegularExpression("^(grpc|http/protobuf)$")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed over OTLP.</summary>
    [Range(1_000, 3_600_000)]
    public int OtlpExportIntervalMilliseconds { get; set; } = 15_000;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    [Required]
    public string ServiceName { get; set; } = "chat";
}
