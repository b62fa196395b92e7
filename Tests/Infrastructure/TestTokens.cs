using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Tests.Infrastructure;

/// <summary>Tokens signed with the test hosts' key (<see cref="ChatAppFactory.SigningKey"/>): valid signatures around whatever claims a test needs.</summary>
public static class TestTokens
{
    /// <summary>A token the server's validation accepts, with <c>sub</c> = <paramref name="subject"/> (none when null).</summary>
    public static string Mint(string? subject)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(subject is null ? [new Claim("name", "nobody")] : [new Claim("sub", subject)]),
            Issuer = "chat",
            Audience = "chat",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ChatAppFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
