using System.Text;
using Chat.LoadTest.Client;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.LoadTest;

public sealed class TokenCacheTests
{
    private static readonly Uri Url = new("http://127.0.0.1:5180/");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SavedTokens_AreFoundAgain_ByBaseUrlAndUser()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "tokens.json");
        var cache = TokenCache.Load(path);
        var token = Jwt(Now.AddHours(12));
        cache.Set(Url, "lt-u00001", token);
        cache.Save();

        var reloaded = TokenCache.Load(path);

        Assert.Equal(token, reloaded.Get(Url, "lt-u00001", Now));
        Assert.Null(reloaded.Get(new Uri("http://127.0.0.1:5181/"), "lt-u00001", Now));
        Assert.Null(reloaded.Get(Url, "lt-u00002", Now));
    }

    [Fact]
    public void ATokenAboutToExpire_IsNotOffered()
    {
        var cache = TokenCache.None();
        cache.Set(Url, "lt-u00001", Jwt(Now.AddMinutes(30)));

        Assert.Null(cache.Get(Url, "lt-u00001", Now));
    }

    [Fact]
    public void AnUnreadableFile_GivesAnEmptyCache()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "tokens.json");
        File.WriteAllText(path, "{ not json");

        Assert.Equal(0, TokenCache.Load(path).Count);
    }

    [Fact]
    public void ExpiresAt_ReadsTheExpClaim_AndNullForGarbage()
    {
        Assert.Equal(Now.AddHours(1), TokenCache.ExpiresAt(Jwt(Now.AddHours(1))));
        Assert.Null(TokenCache.ExpiresAt("not-a-token"));
        Assert.Null(TokenCache.ExpiresAt("a.%%%.c"));
    }

    private static string Jwt(DateTimeOffset expires)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("{\"alg\":\"HS256\"}")}.{Part($"{{\"sub\":\"x\",\"exp\":{expires.ToUnixTimeSeconds()}}}")}.signature";
    }
}
