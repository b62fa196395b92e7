namespace Chat.LoadTest.Client;

/// <summary>What <c>POST /api/auth/register</c> answers.</summary>
public sealed record AuthReply(string UserName, string Token);
