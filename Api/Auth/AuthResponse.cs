namespace Chat.Api.Auth;

/// <summary>A signed-in user's name and bearer token.</summary>
public sealed record AuthResponse(string UserName, string Token);
