using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chat.Grains.Abstractions.Messages;
using Chat.Tests.Infrastructure;
using Chat.Tests.Storage;
using Xunit.Abstractions;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// Two front silos, a back silo and nginx as real processes: the balancer spreads requests and keeps a hub connection
/// on one front silo, messages cross front silos both ways, and the dashboard serves its administrator only.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class FrontSiloTests(DynamoDbLocalFixture dynamoDb, SharedBalancedCluster shared, ITestOutputHelper output)
    : IClassFixture<SharedBalancedCluster>
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Balancer_SpreadsRequestsOverBothFrontSilos_AsXServedByShows()
    {
        var cluster = await shared.GetAsync(dynamoDb);
        using var http = new HttpClient();

        var servedBy = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            servedBy.Add(await ChatRest.ServedByAsync(http, new Uri(cluster.Balancer!.BaseUrl, "/health/ready")) ?? "(none)");
        }

        output.WriteLine(string.Join("\n", servedBy));
        var expected = cluster.Fronts.Select(f => $"{f.Name}/127.0.0.1:{f.SiloPort}@").Order().ToList();
        var seen = servedBy.Select(s => s[..(s.IndexOf('@', StringComparison.Ordinal) + 1)]).Distinct().Order().ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Balancer_KeepsNegotiateAndItsWebSocket_OnOneFrontSilo()
    {
        var cluster = await shared.GetAsync(dynamoDb);
        var balancer = cluster.Balancer!;
        using var user = await new ChatTestClient(balancer.BaseUrl).RegisterAsync();
        var room = await user.CreateRoomAsync();

        // Each new client gets a fresh affinity cookie from nginx on negotiate; without affinity, about half of the
        // WebSockets would reach the other front silo, which does not know the negotiated connection.
        var perFront = new Dictionary<string, int>();
        var clients = new List<LiveClient>();
        try
        {
            for (var attempt = 0; attempt < 30 && (perFront.Count < 2 || perFront.Values.Min() < 2); attempt++)
            {
                var client = new LiveClient($"negotiating-{attempt}", balancer.HubUrl, user.Token, skipNegotiation: false);
                clients.Add(client);
                await client.StartAsync();
                await client.JoinAsync(room.Id);
                var front = await balancer.FrontForAsync(client.Cookies);
                perFront[front] = perFront.GetValueOrDefault(front) + 1;
            }

            output.WriteLine(string.Join(", ", perFront.Select(p => $"{p.Key}: {p.Value} connection(s)")));
            Assert.Equal(cluster.Fronts.Select(f => f.Name).Order(), perFront.Keys.Order());
            Assert.All(perFront.Values, count => Assert.True(count >= 2));

            await user.PostAsync(room.Id, "to every connection", "affinity-1");
            foreach (var client in clients)
            {
                await client.WaitUntilAsync(r => r.Count >= 1, Delivery, "pushed the posted message");
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TwoUsers_OnDifferentFrontSilos_SeeEachOthersMessages_InSeqOrder()
    {
        var cluster = await shared.GetAsync(dynamoDb);
        var (frontA, frontB) = (cluster.Fronts[0], cluster.Fronts[1]);
        using var alice = await new ChatTestClient(frontA.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("alice"));
        using var bob = await new ChatTestClient(frontB.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("bob"));
        var room = await alice.CreateRoomAsync();
        await using var aliceLive = await new LiveClient("alice@" + frontA.Name, frontA.HubUrl, alice.Token).StartAsync();
        await using var bobLive = await new LiveClient("bob@" + frontB.Name, frontB.HubUrl, bob.Token).StartAsync();
        await aliceLive.JoinAsync(room.Id);
        await bobLive.JoinAsync(room.Id);

        const int each = 15;
        await Task.WhenAll(
            SendAllAsync(aliceLive, room.Id, "alice", each),
            SendAllAsync(bobLive, room.Id, "bob", each));

        foreach (var client in new[] { aliceLive, bobLive })
        {
            await client.WaitUntilAsync(r => r.Count >= 2 * each, Delivery, $"pushed all {2 * each} messages");
        }

        var history = await alice.HistoryAfterAsync(room.Id);
        HistoryAssert.IsContiguous(history);
        Assert.Equal(2 * each, history.Count);
        foreach (var client in new[] { aliceLive, bobLive })
        {
            var received = client.Received().Select(r => r.Message).ToList();
            Assert.Equal(history.Select(m => (m.Seq, m.Id, m.Author)), received.Select(m => (m.Seq, m.Id, m.Author)));
        }

        Assert.Equal(each, history.Count(m => m.Author == alice.UserName));
        Assert.Equal(each, history.Count(m => m.Author == bob.UserName));
    }

    [Fact]
    public async Task RestPost_OnOneFrontSilo_ReachesHubClientOnTheOther()
    {
        var cluster = await shared.GetAsync(dynamoDb);
        var (frontA, frontB) = (cluster.Fronts[0], cluster.Fronts[1]);
        using var alice = await new ChatTestClient(frontA.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("alice"));
        var room = await alice.CreateRoomAsync();
        using var bob = await new ChatTestClient(frontB.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("bob"));
        await using var bobLive = await new LiveClient("bob@" + frontB.Name, frontB.HubUrl, bob.Token).StartAsync();
        await bobLive.JoinAsync(room.Id);

        var posted = new List<ChatMessage>();
        for (var i = 1; i <= 5; i++)
        {
            posted.Add(await alice.PostAsync(room.Id, $"over REST on {frontA.Name} #{i}", $"rest-{i}"));
        }

        await bobLive.WaitUntilAsync(r => r.Count >= posted.Count, Delivery, "pushed the REST posts");
        var received = bobLive.Received();
        Assert.Equal(posted.Select(m => m.Id), received.Select(r => r.Message.Id));
        var delays = received.Select(r => (r.ReceivedAt - r.Message.SentAt).TotalMilliseconds).ToList();
        output.WriteLine($"REST on {frontA.Name} to hub on {frontB.Name}, from storing to arrival: {string.Join(", ", delays.Select(d => $"{d:0}"))} ms");
    }

    [Fact]
    public async Task Dashboard_IsServedToTheAdministratorOnly_AndShowsEverySilo()
    {
        var cluster = await shared.GetAsync(dynamoDb);
        using var http = new HttpClient { BaseAddress = cluster.Balancer!.BaseUrl };
        var counters = new Uri("/dashboard/DashboardCounters", UriKind.Relative);

        using (var anonymous = await http.GetAsync(counters))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var wrong = await SendAsync(http, counters, "admin", cluster.DashboardPassword + "x"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var page = await SendAsync(http, new Uri("/dashboard/", UriKind.Relative), "admin", cluster.DashboardPassword))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // The dashboard samples every second: poll until its host list has every silo.
        var active = 0;
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await SendAsync(http, counters, "admin", cluster.DashboardPassword);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                active = document.RootElement.GetProperty("hosts").EnumerateArray()
                    .Count(host => host.GetProperty("status").GetString() == "Active");
                return active == cluster.Silos.Count;
            },
            TimeSpan.FromSeconds(20),
            $"all {cluster.Silos.Count} silos active on the dashboard (last count {active})");
    }

    private static async Task SendAllAsync(LiveClient client, string roomId, string who, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await client.SendAsync(roomId, $"{who} #{i}", $"{who}-{i}");
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Uri path, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http.SendAsync(request);
    }
}
