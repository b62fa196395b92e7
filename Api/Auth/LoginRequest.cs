namespace Chat.Api.Auth;

/// <summary><c>POST /api/auth/login</c> body.</summary>
public sealed record LoginRequest(string? UserName, string? Password);
