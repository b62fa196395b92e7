namespace Chat.Tests.Browser;

/// <summary>A browser test failed; the message says where its screenshots and console log are.</summary>
public sealed class BrowserTestFailedException(string message, Exception inner) : Exception(message, inner);
