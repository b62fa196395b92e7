namespace Chat.Api.Auth;

/// <summary>Token settings, bound from <c>Chat:Jwt</c>. The signing key has no default: in Development one is generated into the data directory.</summary>
public sealed class JwtOptions
{
    public const string Section = "Chat:Jwt";

    /// <summary>HMAC-SHA256 key (at least 32 bytes of text). Required outside Development; never commit one.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "chat";

    public string Audience { get; set; } = "chat";

    /// <summary>How long a token stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
