using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions.Messages;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.ClusterProcesses;

/// <summary>REST calls the cluster tests make beyond <see cref="ChatTestClient"/>: a cancellable post, and the whole history.</summary>
public static class ChatRest
{
    public const int PageSize = 200;

    /// <summary>Posts a message; anything but 201 Created is an error the caller may retry (with the same clientMessageId).</summary>
    public static async Task<ChatMessage> PostAsync(this ChatTestClient user, string roomId, string text, string clientMessageId, CancellationToken cancellationToken)
    {
        using var response = await user.Http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { text, clientMessageId }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new HttpRequestException(
                $"POST messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                null,
                response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<ChatMessage>(ChatTestClient.Json, cancellationToken))!;
    }

    /// <summary>How long a catch-up keeps retrying a page answered 503 (the cluster is moving grains), as a client does.</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The messages after <paramref name="after"/>, every page of them (<c>GET messages?after=&amp;limit=</c>). A page
    /// answered 503 is asked again (bounded): that is what the answer tells a client to do during a failover.
    /// </summary>
    public static async Task<IReadOnlyList<ChatMessage>> HistoryAfterAsync(this ChatTestClient user, string roomId, long after = 0)
    {
        var all = new List<ChatMessage>();
        for (var page = 0; page < 10_000; page++)
        {
            var batch = await PageAsync(user, roomId, after);
            all.AddRange(batch);
            if (batch.Count < PageSize)
            {
                return all;
            }

            after = batch[^1].Seq;
        }

        throw new InvalidOperationException($"History of {roomId} did not end after 10000 pages.");
    }

    private static async Task<IReadOnlyList<ChatMessage>> PageAsync(ChatTestClient user, string roomId, long after)
    {
        var query = $"?after={after.ToString(CultureInfo.InvariantCulture)}&limit={PageSize.ToString(CultureInfo.InvariantCulture)}";
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            using var response = await user.Http.GetAsync(new Uri($"/api/rooms/{roomId}/messages{query}", UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                await ChatTestClient.EnsureStatusAsync(response, HttpStatusCode.OK);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
                return body.GetProperty("messages").Deserialize<List<ChatMessage>>(ChatTestClient.Json)!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>The <c>X-Served-By</c> header of a GET, or null.</summary>
    public static async Task<string?> ServedByAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        return response.Headers.TryGetValues("X-Served-By", out var values) ? values.Single() : null;
    }
}
