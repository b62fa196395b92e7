using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions.Rooms;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class RoomsApiTests(AppFixture app)
{
    [Fact]
    public async Task Create_WithoutId_DerivesIdFromNameAndMakesCallerOwner()
    {
        var owner = await app.NewUserAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var response = await owner.Http.PostAsJsonAsync("/api/rooms", new { name = $"Book Club {suffix}!", topic = "  novels " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var room = (await response.Content.ReadFromJsonAsync<RoomInfo>(ChatTestClient.Json))!;
        Assert.Equal($"book-club-{suffix}", room.Id);
        Assert.Equal($"/api/rooms/{room.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(owner.UserName, room.Owner);
        Assert.Equal("novels", room.Topic);
        Assert.Contains(owner.UserName, room.Members);
    }

    [Fact]
    public async Task Create_WithExistingId_Returns409()
    {
        var owner = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();

        var response = await owner.Http.PostAsJsonAsync("/api/rooms", new { id = room.Id, name = "again" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("UPPER", "name")]
    [InlineData("has space", "name")]
    [InlineData("", "name")]
    [InlineData("ok-id", "")]
    [InlineData(null, "!!!")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "name")]
    public async Task Create_WithInvalidIdOrName_Returns400(string? id, string name)
    {
        var owner = await app.NewUserAsync();

        var response = await owner.Http.PostAsJsonAsync("/api/rooms", new { id, name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("PUT", "/members/someone")]
    [InlineData("DELETE", "/members/someone")]
    [InlineData("GET", "/messages")]
    [InlineData("POST", "/messages")]
    [InlineData("PATCH", "/messages/1")]
    [InlineData("DELETE", "/messages/1")]
    [InlineData("POST", "/read")]
    public async Task AnyRoute_WithMalformedRoomId_Returns400NamingTheId(string method, string rest)
    {
        var user = await app.NewUserAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"/api/rooms/Not_A_Room{rest}", UriKind.Relative))
        {
            Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { text = "hi", seq = 1 }),
        };

        var response = await user.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), $"No error for 'id' in {problem}.");
    }

    [Fact]
    public async Task Create_WithTooLongName_Returns400()
    {
        var owner = await app.NewUserAsync();

        var response = await owner.Http.PostAsJsonAsync("/api/rooms", new { id = "long-name-" + Guid.NewGuid().ToString("N")[..6], name = new string('n', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownRoom_Returns404()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.GetAsync(new Uri("/api/rooms/no-such-room-" + Guid.NewGuid().ToString("N")[..6], UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PatchAndDelete_ByNonOwner_Return403()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();

        var patch = await other.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}", new { name = "mine now" });
        var delete = await other.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task Patch_ByOwner_ChangesOnlyGivenFields()
    {
        var owner = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync(name: "Before");

        var response = await owner.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}", new { topic = "new topic" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.Content.ReadFromJsonAsync<RoomInfo>(ChatTestClient.Json))!;
        Assert.Equal("Before", updated.Name);
        Assert.Equal("new topic", updated.Topic);
    }

    [Fact]
    public async Task Delete_ByOwner_RemovesRoomAndItsHistory()
    {
        var owner = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();
        await owner.PostAsync(room.Id, "soon gone");

        var delete = await owner.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}", UriKind.Relative));
        var get = await owner.Http.GetAsync(new Uri($"/api/rooms/{room.Id}", UriKind.Relative));
        var list = await owner.Http.GetFromJsonAsync<JsonElement>($"/api/rooms?q={room.Id}", ChatTestClient.Json);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.DoesNotContain(list.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("id").GetString() == room.Id);

        // The id is free again, and a new room under it starts from seq 1.
        await owner.CreateRoomAsync(room.Id);
        Assert.Empty(await owner.HistoryAsync(room.Id));
        Assert.Equal(1, (await owner.PostAsync(room.Id, "fresh")).Seq);
    }

    [Fact]
    public async Task PrivateRoom_NonMember_CannotSeeReadOrPost()
    {
        var owner = await app.NewUserAsync();
        var outsider = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync(isPrivate: true);
        await owner.PostAsync(room.Id, "secret");

        var list = await outsider.Http.GetFromJsonAsync<JsonElement>($"/api/rooms?q={room.Id}", ChatTestClient.Json);
        var get = await outsider.Http.GetAsync(new Uri($"/api/rooms/{room.Id}", UriKind.Relative));
        var read = await outsider.Http.GetAsync(new Uri($"/api/rooms/{room.Id}/messages", UriKind.Relative));
        var post = await outsider.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "let me in" });

        Assert.DoesNotContain(list.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("id").GetString() == room.Id);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Single(await owner.HistoryAsync(room.Id));
    }

    [Fact]
    public async Task PrivateRoom_AddedMember_SeesReadsAndPosts_UntilRemoved()
    {
        var owner = await app.NewUserAsync();
        var member = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync(isPrivate: true);

        await owner.AddMemberAsync(room.Id, member.UserName.ToUpperInvariant());
        var list = await member.Http.GetFromJsonAsync<JsonElement>($"/api/rooms?q={room.Id}", ChatTestClient.Json);
        var me = await member.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json);
        await member.PostAsync(room.Id, "thanks for the invite");

        Assert.Contains(list.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("id").GetString() == room.Id);
        Assert.Contains(me.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("id").GetString() == room.Id);

        var removed = await owner.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{member.UserName}", UriKind.Relative));
        var post = await member.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "still here?" });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task Members_ByNonOwner_Return403_AndUnknownUser_Returns404()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();

        var byOther = await other.Http.PutAsync(new Uri($"/api/rooms/{room.Id}/members/{other.UserName}", UriKind.Relative), null);
        var unknown = await owner.Http.PutAsync(new Uri($"/api/rooms/{room.Id}/members/nobody-{Guid.NewGuid().ToString("N")[..6]}", UriKind.Relative), null);
        var badName = await owner.Http.PutAsync(new Uri($"/api/rooms/{room.Id}/members/x", UriKind.Relative), null);
        var ownerRemoval = await owner.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{owner.UserName}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ownerRemoval.StatusCode);
    }
}
