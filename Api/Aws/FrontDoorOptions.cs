using System.ComponentModel.DataAnnotations;

namespace Chat.Api.Aws;

/// <summary>
/// What the front silo believes about the proxies in front of it, bound from <c>Chat:ForwardedHeaders</c>. With no known
/// network or proxy, forwarded headers are ignored; on EC2 the user data names the VPC's CIDR, where the balancer's
/// addresses are, so only the balancer can say what the client's scheme and address were.
/// </summary>
public sealed class FrontDoorOptions : IValidatableObject
{
    public const string Section = "Chat:ForwardedHeaders";

    /// <summary>Networks (CIDR, <c>10.40.0.0/16</c>) whose requests' forwarded headers are believed.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>Single proxy addresses whose requests' forwarded headers are believed.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>How many proxies' entries are read from the end of the forwarded-for list.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>
    /// The header naming the client's address; default <c>X-Forwarded-For</c>. Behind CloudFront and the balancer,
    /// <c>CloudFront-Viewer-Address</c> names the viewer, where X-Forwarded-For's last entry is a CloudFront edge.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z0-9-]{1,64}$")]
    public string ForwardedForHeaderName { get; set; } = "X-Forwarded-For";

    /// <summary>How long browsers remember to use HTTPS only (<c>Strict-Transport-Security</c> on HTTPS responses outside Development).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Whether any proxy is trusted at all.</summary>
    public bool TrustsProxies => KnownNetworks.Count > 0 || KnownProxies.Count > 0;

    /// <summary>Every known network must parse as CIDR and every known proxy as an IP address (run by <c>ValidateDataAnnotations</c>).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in KnownNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _)))
        {
            yield return new ValidationResult($"{Section}:KnownNetworks '{network}' is not a CIDR network.", [nameof(KnownNetworks)]);
        }

        foreach (var proxy in KnownProxies.Where(proxy => !System.Net.IPAddress.TryParse(proxy, out _)))
        {
            yield return new ValidationResult($"{Section}:KnownProxies '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }
    }
}
