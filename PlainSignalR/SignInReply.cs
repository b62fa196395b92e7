namespace Chat.PlainSignalR;

/// <summary>The sign-in answer the load tool reads: the token is the user name.</summary>
public sealed record SignInReply(string UserName, string Token);
