using System.Net;
using System.Net.Http.Json;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>Marking a room read is an access like any other: only in one's own rooms.</summary>
[Collection(AppCollection.Name)]
public sealed class ReadMarkerTests(AppFixture app)
{
    [Fact]
    public async Task MarkRead_OnARoomTheUserIsNotIn_IsRefused_OverTheHubAndRest()
    {
        using var alice = await app.NewUserAsync();
        using var mallory = await app.NewUserAsync();
        var secret = await alice.CreateRoomAsync(isPrivate: true);
        var open = await alice.CreateRoomAsync();
        await alice.PostAsync(secret.Id, "members only");
        await alice.PostAsync(open.Id, "hello");
        await using var hub = await mallory.Hub().StartAsync();

        await HubAssert.FailsWithAsync("Forbidden", () => hub.InvokeAsync<RoomReadState>("MarkRead", secret.Id, 1L));
        await HubAssert.FailsWithAsync("Forbidden", () => hub.InvokeAsync<RoomReadState>("MarkRead", open.Id, 1L));
        await HubAssert.FailsWithAsync("NotFound", () => hub.InvokeAsync<RoomReadState>("MarkRead", "no-such-room-" + Guid.NewGuid().ToString("N")[..8], 1L));
        var rest = await mallory.Http.PostAsJsonAsync($"/api/rooms/{open.Id}/read", new { seq = 1 });
        await hub.JoinAsync(open.Id);
        var joined = await hub.InvokeAsync<RoomReadState>("MarkRead", open.Id, 1L);

        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
        Assert.Equal(new RoomReadState(open.Id, 1, 0), joined);
    }
}
