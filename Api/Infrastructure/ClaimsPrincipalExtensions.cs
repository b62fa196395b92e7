using System.Security.Claims;
using Chat.Api.Auth;

namespace Chat.Api.Infrastructure;

/// <summary>The authenticated user's name, from the token's subject: never from the request body.</summary>
public static class ClaimsPrincipalExtensions
{
    public static string UserName(this ClaimsPrincipal user) =>
        user.FindFirstValue(TokenService.UserNameClaim)
        ?? throw new InvalidOperationException("The request is not authenticated.");
}
