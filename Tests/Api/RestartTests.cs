using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_OverTheSameDataDirectory_KeepsUsersRoomsAndMessages()
    {
        using var data = new TempDirectory();
        string userName;
        string roomId;
        string privateRoomId;
        {
            await using var first = new ChatAppFactory(data.Path);
            using var user = await first.NewClient().RegisterAsync(password: "survives restarts");
            userName = user.UserName;
            roomId = (await user.CreateRoomAsync()).Id;
            privateRoomId = (await user.CreateRoomAsync(isPrivate: true)).Id;
            await user.PostAsync(roomId, "one", "c1");
            await user.PostAsync(roomId, "two");
        }

        await using var second = new ChatAppFactory(data.Path);
        using var again = second.NewClient();
        var login = await again.Http.PostAsJsonAsync("/api/auth/login", new { userName, password = "survives restarts" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json)).GetProperty("token").GetString()!;
        again.UseToken(userName, token);

        var history = await again.HistoryAsync(roomId);
        var retried = await again.PostAsync(roomId, "one", "c1");
        var next = await again.PostAsync(roomId, "three");
        var me = await again.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json);

        Assert.Equal(["one", "two"], history.Select(m => m.Text));
        Assert.Equal(history[0].Untagged(), retried.Untagged());
        Assert.Equal(3, next.Seq);
        Assert.Equal(
            new[] { privateRoomId, roomId }.Order(StringComparer.Ordinal),
            me.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }
}
