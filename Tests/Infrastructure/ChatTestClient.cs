using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Tests.Infrastructure;

/// <summary>A user of the REST API: registers or logs in, then calls with its token.</summary>
public sealed class ChatTestClient(Uri baseAddress) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseAddress => baseAddress;

    public string UserName { get; private set; } = "";

    public string Token { get; private set; } = "";

    public static string UniqueName(string prefix = "user") => $"{prefix}{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Registers a new user and keeps its token.</summary>
    public async Task<ChatTestClient> RegisterAsync(string? userName = null, string password = "correct horse")
    {
        userName ??= UniqueName();
        var response = await Http.PostAsJsonAsync("/api/auth/register", new { userName, password });
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        UseToken(body.GetProperty("userName").GetString()!, body.GetProperty("token").GetString()!);
        return this;
    }

    public void UseToken(string userName, string token)
    {
        UserName = userName;
        Token = token;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<RoomInfo> CreateRoomAsync(string? id = null, bool isPrivate = false, string? name = null)
    {
        id ??= "room-" + Guid.NewGuid().ToString("N")[..12];
        var response = await Http.PostAsJsonAsync("/api/rooms", new { id, name = name ?? id, isPrivate });
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<RoomInfo>(Json))!;
    }

    public async Task<ChatMessage> PostAsync(string roomId, string text, string? clientMessageId = null)
    {
        var response = await Http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { text, clientMessageId });
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ChatMessage>(Json))!;
    }

    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync(string roomId, string query = "")
    {
        var response = await Http.GetAsync(new Uri($"/api/rooms/{roomId}/messages{query}", UriKind.Relative));
        await EnsureStatusAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("messages").Deserialize<List<ChatMessage>>(Json)!;
    }

    public async Task AddMemberAsync(string roomId, string userName)
    {
        var response = await Http.PutAsync(new Uri($"/api/rooms/{roomId}/members/{userName}", UriKind.Relative), null);
        await EnsureStatusAsync(response, HttpStatusCode.OK);
    }

    public HubClient Hub() => new(new Uri(baseAddress, "/hubs/chat"), Token);

    public static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {body}");
        }
    }

    public void Dispose() => Http.Dispose();
}
