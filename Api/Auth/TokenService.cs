using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Api.Auth;

/// <summary>Issues and describes the JWTs that REST and the hub accept.</summary>
public sealed class TokenService(IOptions<JwtOptions> options, TimeProvider time)
{
    public const string UserNameClaim = "sub";

    private readonly JsonWebTokenHandler _handler = new();

    public SymmetricSecurityKey SigningKey { get; } = new(Encoding.UTF8.GetBytes(options.Value.SigningKey!));

    public string Issue(string userName)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(UserNameClaim, userName)]),
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.TokenLifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKey = SigningKey,
        NameClaimType = UserNameClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
