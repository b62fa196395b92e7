using System.Globalization;

namespace Chat.Silo.Aws;

/// <summary>
/// Reads the EC2 instance metadata service the IMDSv2 way: a session token from <c>PUT /latest/api/token</c>, then
/// each <c>GET /latest/meta-data/...</c> with that token (the launch templates refuse token-less IMDSv1 requests).
/// Synchronous, because configuration providers load synchronously; every request is bounded by the timeout.
/// </summary>
public sealed class InstanceMetadataClient(HttpClient http)
{
    public const string TokenPath = "/latest/api/token";
    public const string TokenHeader = "X-aws-ec2-metadata-token";
    public const string TokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);
    private string? _token;

    /// <summary>The instance id (<c>i-0123456789abcdef0</c>).</summary>
    public string GetInstanceId() => Get("instance-id");

    /// <summary>The instance's primary private IPv4 address.</summary>
    public string GetPrivateIPv4() => Get("local-ipv4");

    /// <summary>GETs <c>/latest/meta-data/{path}</c> with a session token; throws when the service refuses or is absent.</summary>
    public string Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/latest/meta-data/" + path);
        request.Headers.Add(TokenHeader, _token ??= GetToken());
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return reader.ReadToEnd().Trim();
    }

    private string GetToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, TokenPath);
        request.Headers.Add(TokenTtlHeader, ((int)TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return reader.ReadToEnd().Trim();
    }
}
