using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Chat.LoadTest.Client;

/// <summary>The REST calls the set-up needs: register users and create rooms.</summary>
public sealed class ChatRestClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<AuthReply> RegisterAsync(string userName, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/register", new { userName, password }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new LoadTestSetupException(
                "The server refused registration with 429: start it with a higher Chat:Api:AuthRequestsPerMinute (see docs/benchmarks.md).");
        }

        await EnsureSuccessAsync(response, $"registering '{userName}'", cancellationToken);
        return await response.Content.ReadFromJsonAsync<AuthReply>(cancellationToken)
            ?? throw new LoadTestSetupException("Registration answered an empty body.");
    }

    public async Task CreateRoomAsync(string token, string roomId, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/rooms")
        {
            Content = JsonContent.Create(new { id = roomId, name }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, $"creating room '{roomId}'", cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LoadTestSetupException($"The server answered {(int)response.StatusCode} when {what}: {body}");
        }
    }
}
