using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Aws;

/// <summary>
/// How a silo uses its AWS surroundings, bound from <c>Chat:Aws</c>. Everything is off by default, so nothing here runs
/// on a laptop; the launch templates' user data turns it on for EC2 (docs/deploy.md).
/// </summary>
public sealed class AwsOptions
{
    public const string Section = "Chat:Aws";

    /// <summary>
    /// Read the instance id and private address from the EC2 instance metadata service (IMDSv2) at start: the id names
    /// the silo and the <c>X-Served-By</c> instance, the address is what the silo listens on and advertises.
    /// </summary>
    public bool UseInstanceMetadata { get; set; }

    /// <summary>The instance metadata service; tests point it at a loopback fake.</summary>
    [Required]
    public Uri MetadataEndpoint { get; set; } = new("http://169.254.169.254");

    /// <summary>How long one metadata request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A Parameter Store path (<c>/chat-prod/</c>) whose parameters, SecureStrings decrypted, become configuration keys:
    /// <c>/chat-prod/Chat/Jwt/SigningKey</c> is <c>Chat:Jwt:SigningKey</c>. Empty: Parameter Store is not read.
    /// </summary>
    [RegularExpression("^(/[A-Za-z0-9_.-]+)+/?$")]
    public string? ParameterStorePath { get; set; }

    /// <summary>The region of Parameter Store.</summary>
    [Required, RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string Region { get; set; } = "us-east-1";

    /// <summary>A local Parameter Store endpoint (tests), used with dummy credentials; empty in AWS.</summary>
    [Url]
    public string? ParameterStoreServiceUrl { get; set; }
}
