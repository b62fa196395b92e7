using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary><c>GET /api/rooms</c> (paged, searched, private rooms for members only) and the rooms of <c>GET /api/me</c>.</summary>
[Collection(AppCollection.Name)]
public sealed class RoomListingTests(AppFixture app)
{
    [Fact]
    public async Task ListRooms_PagedWithLimitAndCursor_ReturnsEveryMatchingRoomOnce_InNameOrder()
    {
        var owner = await app.NewUserAsync();
        var tag = "pg" + Guid.NewGuid().ToString("N")[..8];
        var names = new[] { $"{tag} delta", $"{tag} Alpha", $"{tag} charlie", $"{tag} bravo", $"{tag} echo" };
        var rooms = new List<string>();
        foreach (var name in names)
        {
            rooms.Add((await CreateAsync(owner, name, topic: null, isPrivate: false)).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(owner, $"?q={tag}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var ids = Ids(page);
            Assert.InRange(ids.Count, 1, 2);
            seen.AddRange(ids);
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal([rooms[1], rooms[3], rooms[2], rooms[0], rooms[4]], seen);
    }

    [Fact]
    public async Task ListRooms_Search_MatchesATopicPrefix_AndShowsPrivateRoomsOnlyToTheirMembers()
    {
        var owner = await app.NewUserAsync();
        var member = await app.NewUserAsync();
        var outsider = await app.NewUserAsync();
        var tag = "tp" + Guid.NewGuid().ToString("N")[..8];
        var byTopic = await CreateAsync(owner, "Gardening", topic: $"{tag.ToUpperInvariant()} and roses", isPrivate: false);
        var secret = await CreateAsync(owner, $"{tag} secret plans", topic: null, isPrivate: true);
        await owner.AddMemberAsync(secret.Id, member.UserName);

        Assert.Equal([byTopic.Id, secret.Id], Ids(await ListAsync(member, $"?q={tag}")));
        Assert.Equal([byTopic.Id], Ids(await ListAsync(outsider, $"?q={tag}")));
        var first = await ListAsync(member, $"?q={tag}&limit=1");
        var second = await ListAsync(member, $"?q={tag}&limit=1&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal([byTopic.Id], Ids(first));
        Assert.Equal([secret.Id], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task ListRooms_AndMe_HideARoomMadePrivate_FromAUserWhoJoinedItWhilePublic()
    {
        var owner = await app.NewUserAsync();
        var joiner = await app.NewUserAsync();
        var tag = "mp" + Guid.NewGuid().ToString("N")[..8];
        var room = await CreateAsync(owner, $"{tag} soon private", topic: null, isPrivate: false);
        await using (var hub = await joiner.Hub().StartAsync())
        {
            await hub.JoinAsync(room.Id);
        }

        Assert.Contains(room.Id, MeRoomIds(await joiner.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json)));
        var patch = await owner.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}", new { isPrivate = true });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        Assert.Empty(Ids(await ListAsync(joiner, $"?q={tag}")));
        Assert.DoesNotContain(room.Id, MeRoomIds(await joiner.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json)));
        Assert.Equal([room.Id], Ids(await ListAsync(owner, $"?q={tag}")));
        Assert.Contains(room.Id, MeRoomIds(await owner.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json)));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?cursor=%00", "cursor")]
    public async Task ListRooms_WithBadParameters_Returns400(string query, string field)
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.GetAsync(new Uri("/api/rooms" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}' in {problem}.");
    }

    [Fact]
    public async Task ListRooms_WithTooLongSearch_Returns400()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.GetAsync(new Uri("/api/rooms?q=" + new string('x', 101), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<(string Id, string Name)> CreateAsync(ChatTestClient owner, string name, string? topic, bool isPrivate)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/rooms", new { id = "l-" + Guid.NewGuid().ToString("N")[..12], name, topic, isPrivate });
        await ChatTestClient.EnsureStatusAsync(response, HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        return (body.GetProperty("id").GetString()!, name);
    }

    private static async Task<JsonElement> ListAsync(ChatTestClient user, string query)
    {
        var response = await user.Http.GetAsync(new Uri("/api/rooms" + query, UriKind.Relative));
        await ChatTestClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("rooms").EnumerateArray().Select(room => room.GetProperty("id").GetString()!).ToList();

    private static List<string> MeRoomIds(JsonElement me) =>
        me.GetProperty("rooms").EnumerateArray().Select(room => room.GetProperty("id").GetString()!).ToList();
}
