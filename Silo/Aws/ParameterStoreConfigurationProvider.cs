using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Configuration;

namespace Chat.Silo.Aws;

/// <summary>
/// Loads every parameter under a path (recursively, SecureStrings decrypted) once, at start: the name below the path
/// with <c>/</c> read as <c>:</c> is the configuration key, so <c>/chat-prod/Chat/Jwt/SigningKey</c> under
/// <c>/chat-prod/</c> is <c>Chat:Jwt:SigningKey</c>. The secrets stay out of the instance's disk and environment.
/// </summary>
public sealed class ParameterStoreConfigurationProvider(Func<IAmazonSimpleSystemsManagement> clientFactory, string path) : ConfigurationProvider
{
    /// <summary>Bounds the paging, so a misbehaving endpoint cannot keep the start going forever (10 per page: 10,000 parameters).</summary>
    private const int MaxPages = 1000;

    public override void Load()
    {
        var prefix = path.EndsWith('/') ? path : path + "/";
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var client = clientFactory();
        string? nextToken = null;
        var pages = 0;
        do
        {
            var response = client.GetParametersByPathAsync(new GetParametersByPathRequest
            {
                Path = prefix.TrimEnd('/'),
                Recursive = true,
                WithDecryption = true,
                NextToken = nextToken,
            }).GetAwaiter().GetResult();
            foreach (var parameter in response.Parameters ?? [])
            {
                if (parameter.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    data[ToKey(parameter.Name[prefix.Length..])] = parameter.Value;
                }
            }

            nextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken) && ++pages < MaxPages);

        Data = data;
    }

    /// <summary>The configuration key of a parameter name relative to the path: <c>Chat/Jwt/SigningKey</c> is <c>Chat:Jwt:SigningKey</c>.</summary>
    public static string ToKey(string relativeName) => relativeName.Replace('/', ':');
}
