using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions.Rooms;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>
/// Membership by consent, on a front silo with small caps: a user creates or joins at most 2 rooms, and may be added
/// by others to at most 3 more.
/// </summary>
public sealed class MembershipTests() : OwnAppTests(new Dictionary<string, string?>
{
    ["Chat:Users:MaxRooms"] = "2",
    ["Chat:Users:MaxRoomsAddedByOthers"] = "3",
})
{
    [Fact]
    public async Task BeingAddedByOthers_NeverStopsTheUserCreatingRooms_AndAFullAddedCapRefusesTheOneAdding()
    {
        using var victim = await Factory.NewClient().RegisterAsync();
        using var mallory = await Factory.NewClient().RegisterAsync();
        using var trudy = await Factory.NewClient().RegisterAsync();
        var rooms = new[] { await mallory.CreateRoomAsync(), await mallory.CreateRoomAsync(), await trudy.CreateRoomAsync(), await trudy.CreateRoomAsync() };
        await mallory.AddMemberAsync(rooms[0].Id, victim.UserName);
        await mallory.AddMemberAsync(rooms[1].Id, victim.UserName);
        await trudy.AddMemberAsync(rooms[2].Id, victim.UserName);

        var fourth = await trudy.Http.PutAsync(new Uri($"/api/rooms/{rooms[3].Id}/members/{victim.UserName}", UriKind.Relative), null);
        var own = await victim.CreateRoomAsync();
        var second = await victim.CreateRoomAsync();
        var third = await victim.Http.PostAsJsonAsync("/api/rooms", new { name = "one too many" });

        Assert.Equal(HttpStatusCode.BadRequest, fourth.StatusCode);
        Assert.Equal(own.Owner, victim.UserName);
        Assert.Equal(second.Owner, victim.UserName);
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.DoesNotContain(victim.UserName, (await GetRoomAsync(trudy, rooms[3].Id)).Members);
    }

    [Fact]
    public async Task Create_RefusedByTheCap_LeavesNoRoomBehind()
    {
        using var user = await Factory.NewClient().RegisterAsync();
        await user.CreateRoomAsync();
        await user.CreateRoomAsync();
        var id = "refused-" + Guid.NewGuid().ToString("N")[..8];

        var refused = await user.Http.PostAsJsonAsync("/api/rooms", new { id, name = id });
        var get = await user.Http.GetAsync(new Uri($"/api/rooms/{id}", UriKind.Relative));
        var list = await user.Http.GetStringAsync(new Uri("/api/rooms", UriKind.Relative));
        using var someoneElse = await Factory.NewClient().RegisterAsync();
        var reused = await someoneElse.CreateRoomAsync(id);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.DoesNotContain(id, list, StringComparison.Ordinal);
        Assert.Equal(someoneElse.UserName, reused.Owner);
    }

    [Fact]
    public async Task AMember_CanLeave_TheOwnerOnlyAfterHandingTheRoomToAnotherMember()
    {
        using var alice = await Factory.NewClient().RegisterAsync();
        using var bob = await Factory.NewClient().RegisterAsync();
        using var carol = await Factory.NewClient().RegisterAsync();
        var room = await alice.CreateRoomAsync(isPrivate: true);
        await alice.AddMemberAsync(room.Id, bob.UserName);

        var bobLeaves = await bob.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{bob.UserName}", UriKind.Relative));
        var bobLooks = await bob.Http.GetAsync(new Uri($"/api/rooms/{room.Id}", UriKind.Relative));
        var bobRemovesAlice = await bob.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{alice.UserName}", UriKind.Relative));
        var aliceLeaves = await alice.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{alice.UserName}", UriKind.Relative));
        var toStranger = await alice.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}", new { owner = carol.UserName });
        await alice.AddMemberAsync(room.Id, carol.UserName);
        var handed = await alice.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}", new { owner = carol.UserName.ToUpperInvariant() });
        var aliceLeavesNow = await alice.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/members/{alice.UserName}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, bobLeaves.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobLooks.StatusCode);
        Assert.DoesNotContain(room.Id, await MyRoomIdsAsync(bob));
        Assert.Equal(HttpStatusCode.Forbidden, bobRemovesAlice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, aliceLeaves.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, toStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal(carol.UserName, (await handed.Content.ReadFromJsonAsync<RoomInfo>(ChatTestClient.Json))!.Owner);
        Assert.Equal(HttpStatusCode.OK, aliceLeavesNow.StatusCode);
        Assert.Equal([carol.UserName], (await GetRoomAsync(carol, room.Id)).Members);
        Assert.DoesNotContain(room.Id, await MyRoomIdsAsync(alice));
    }

    private static async Task<RoomInfo> GetRoomAsync(ChatTestClient client, string id) =>
        (await client.Http.GetFromJsonAsync<RoomInfo>(new Uri($"/api/rooms/{id}", UriKind.Relative), ChatTestClient.Json))!;

    private static async Task<string[]> MyRoomIdsAsync(ChatTestClient client)
    {
        var me = await client.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/me", UriKind.Relative), ChatTestClient.Json);
        return me.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();
    }
}
