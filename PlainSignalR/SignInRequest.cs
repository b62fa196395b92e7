namespace Chat.PlainSignalR;

/// <summary>What the load tool posts to sign in.</summary>
public sealed record SignInRequest(string UserName, string Password);
