namespace Chat.Tests.Infrastructure;

/// <summary>Keys the test hosts run with (made per test run, never a real secret).</summary>
public static class TestKeys
{
    public static readonly string EncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
