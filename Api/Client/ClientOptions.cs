using System.ComponentModel.DataAnnotations;

namespace Chat.Api.Client;

/// <summary>The browser client this front silo serves, and who else may call it from a browser; bound from <c>Chat:Client</c>.</summary>
public sealed class ClientOptions : IValidatableObject
{
    public const string Section = "Chat:Client";

    /// <summary>Folder holding the built client (<c>index.html</c> and <c>assets/</c>); default <c>ClientApp</c> beside the app's assembly, where the build puts it.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Origins (scheme, host and port, e.g. <c>https://d1234.cloudfront.net</c>) whose pages may call the REST API and
    /// the hub from a browser: the origin of a client build served from a CDN. Empty: same origin only.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long browsers may keep content-hashed assets (<c>/assets/*</c>); <c>index.html</c> is never cached.</summary>
    public TimeSpan AssetMaxAge { get; set; } = TimeSpan.FromDays(365);

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(AppContext.BaseDirectory, "ClientApp")
        : System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                yield return new ValidationResult(
                    $"'{origin}' is not an origin: give scheme, host and optional port only, e.g. https://chat.example.com.",
                    [nameof(AllowedOrigins)]);
            }
        }

        if (AssetMaxAge < TimeSpan.Zero)
        {
            yield return new ValidationResult("AssetMaxAge cannot be negative.", [nameof(AssetMaxAge)]);
        }
    }

    /// <summary>An absolute http(s) URL with nothing after the authority (a trailing slash is tolerated).</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);
}
