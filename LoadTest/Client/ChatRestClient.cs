using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Chat.LoadTest.Client;

/// <summary>The REST calls of the set-up and of the REST scenarios, against one base URL.</summary>
public sealed class ChatRestClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Uri BaseUrl => baseUrl;

    /// <summary>Registers the user, or logs in when the name is taken (a load user kept from an earlier run).</summary>
    public async Task<string> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        using var register = await _http.PostAsJsonAsync("api/auth/register", new { userName, password }, cancellationToken);
        if (register.StatusCode == HttpStatusCode.Conflict)
        {
            using var login = await _http.PostAsJsonAsync("api/auth/login", new { userName, password }, cancellationToken);
            return await TokenOfAsync(login, $"logging in '{userName}'", cancellationToken);
        }

        return await TokenOfAsync(register, $"registering '{userName}'", cancellationToken);
    }

    /// <summary>True when the server accepts the token (<c>GET /api/me</c> answers 200).</summary>
    public async Task<bool> IsValidAsync(string token, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, "api/me", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Creates a public room; one that exists already (from an earlier run) is fine.</summary>
    public async Task EnsureRoomAsync(string token, string roomId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, "api/rooms", token);
        request.Content = JsonContent.Create(new { id = roomId, name = roomId });
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, $"creating room '{roomId}'", cancellationToken);
        }
    }

    /// <summary>Sends one request of a REST scenario; the status code tells success.</summary>
    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string token, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = Authorized(method, path, token);
        request.Content = content;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> TokenOfAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new LoadTestSetupException(
                "The server refused sign-in with 429: start it with a higher Chat:Api:AuthRequestsPerMinute (see docs/benchmarks.md).");
        }

        await EnsureSuccessAsync(response, what, cancellationToken);
        var reply = await response.Content.ReadFromJsonAsync<AuthReply>(cancellationToken);
        return reply?.Token ?? throw new LoadTestSetupException($"The server answered no token when {what}.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LoadTestSetupException($"The server answered {(int)response.StatusCode} when {what}: {body}");
        }
    }
}
