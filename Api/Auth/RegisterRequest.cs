namespace Chat.Api.Auth;

/// <summary><c>POST /api/auth/register</c> body.</summary>
public sealed record RegisterRequest(string? UserName, string? Password, string? DisplayName, string? Email);
