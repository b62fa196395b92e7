using Chat.Tests.Infrastructure;

namespace Chat.Tests.Client;

/// <summary>
/// A front silo serving a stand-in client (an <c>index.html</c> and one hashed asset in a temp folder, so these tests
/// do not depend on the Node build) and allowing one CDN origin.
/// </summary>
public sealed class ClientAppFixture : IDisposable
{
    public const string CdnOrigin = "https://cdn.example.test";
    public const string AssetPath = "/assets/index-AbC123.js";
    public const string IndexHtml = "<!doctype html><title>Chat</title><script type=\"module\" src=\"/assets/index-AbC123.js\"></script>";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _client = new();

    public ClientAppFixture()
    {
        Directory.CreateDirectory(Path.Combine(_client.Path, "assets"));
        File.WriteAllText(Path.Combine(_client.Path, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(_client.Path, "assets", "index-AbC123.js"), "console.log('chat');");
        Factory = new ChatAppFactory(_data.Path, new Dictionary<string, string?>
        {
            ["Chat:Client:Path"] = _client.Path,
            ["Chat:Client:AllowedOrigins:0"] = CdnOrigin,
        });
    }

    public ChatAppFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _client.Dispose();
        _data.Dispose();
    }
}
