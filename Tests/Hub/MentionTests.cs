using System.Net.Http.Json;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Hub;

[Collection(AppCollection.Name)]
public sealed class MentionTests(AppFixture app)
{
    [Fact]
    public async Task Mention_OfAnOnlineUser_IsStoredPushedLiveAndAnnouncedInTheRoom()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var aliceHub = await alice.Hub().StartAsync();
        await using var bobHub = await bob.Hub().StartAsync();
        await aliceHub.JoinAsync(room.Id);

        var message = await aliceHub.SendAsync(room.Id, $"hey @{bob.UserName.ToUpperInvariant()} and #{bob.UserName}, also @nobody-{Guid.NewGuid().ToString("N")[..6]}");

        var pushed = (await bobHub.WaitForEventAsync("NotificationReceived")).Arg<Notification>(0);
        var notice = await aliceHub.WaitForEventAsync("SystemNotice");
        Assert.Equal((room.Id, message.Seq, alice.UserName, Notification.Mention), (pushed.RoomId, pushed.Seq, pushed.From, pushed.Kind));
        Assert.Equal($"{bob.UserName} was notified.", notice.Arg<string>(1));

        var page = await bob.Http.GetFromJsonAsync<NotificationPage>("/api/me/notifications", ChatTestClient.Json);
        var stored = Assert.Single(page!.Notifications);
        Assert.Equal(pushed, stored);
        Assert.Equal(1, page.Unread);
    }

    [Fact]
    public async Task Notifications_ArePagedNewestFirst_AndCanBeMarkedRead()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var bobHub = await bob.Hub().StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            await alice.PostAsync(room.Id, $"@{bob.UserName} number {i}");
            await bobHub.WaitForEventAsync("NotificationReceived", e => e.Arg<Notification>(0).Excerpt.EndsWith($"number {i}", StringComparison.Ordinal));
        }

        var newest = await bob.Http.GetFromJsonAsync<NotificationPage>("/api/me/notifications?limit=2", ChatTestClient.Json);
        var older = await bob.Http.GetFromJsonAsync<NotificationPage>($"/api/me/notifications?before={newest!.Notifications[^1].Id}", ChatTestClient.Json);
        var markSome = await bob.Http.PostAsJsonAsync("/api/me/notifications/read", new { upTo = older!.Notifications[0].Id });
        var afterSome = await bob.Http.GetFromJsonAsync<NotificationPage>("/api/me/notifications", ChatTestClient.Json);
        await bob.Http.PostAsJsonAsync("/api/me/notifications/read", new { });
        var afterAll = await bob.Http.GetFromJsonAsync<NotificationPage>("/api/me/notifications", ChatTestClient.Json);

        Assert.Equal(["number 3", "number 2"], newest.Notifications.Select(n => n.Excerpt[^8..]));
        Assert.Equal(["number 1"], older.Notifications.Select(n => n.Excerpt[^8..]));
        Assert.Equal(3, newest.Unread);
        markSome.EnsureSuccessStatusCode();
        Assert.Equal(2, afterSome!.Unread);
        Assert.Equal(0, afterAll!.Unread);
        Assert.All(afterAll.Notifications, n => Assert.True(n.Read));
    }

    [Fact]
    public async Task Mention_InAPrivateRoom_OfANonMember_NotifiesNobody()
    {
        using var alice = await app.NewUserAsync();
        using var outsider = await app.NewUserAsync();
        using var member = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync(isPrivate: true);
        await alice.AddMemberAsync(room.Id, member.UserName);
        await using var memberHub = await member.Hub().StartAsync();

        await alice.PostAsync(room.Id, $"@{outsider.UserName} cannot see this, @{member.UserName} can");

        await memberHub.WaitForEventAsync("NotificationReceived");
        var outsiderPage = await outsider.Http.GetFromJsonAsync<NotificationPage>("/api/me/notifications", ChatTestClient.Json);
        Assert.Empty(outsiderPage!.Notifications);
    }

    [Fact]
    public async Task Mention_OfSelf_IsIgnored()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(room.Id);

        await hub.SendAsync(room.Id, $"note to self @{alice.UserName}");
        var marker = await hub.SendAsync(room.Id, "marker: great"); // tagged (positive), so its tag is the barrier
        await hub.WaitForEventAsync("MessageTagged", e => e.Arg<long>(1) == marker.Seq);

        var page = await alice.Http.GetFromJsonAsync<NotificationPage>("/api/me/notifications", ChatTestClient.Json);
        Assert.Empty(page!.Notifications);
        Assert.DoesNotContain(hub.Events, e => e.Name == "SystemNotice");
    }
}
