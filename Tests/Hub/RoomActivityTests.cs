using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Users;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Hub;

/// <summary>Presence, typing, unread counts, edits and deletes, analysis tags: the events members see.</summary>
[Collection(AppCollection.Name)]
public sealed class RoomActivityTests(AppFixture app)
{
    [Fact]
    public async Task Presence_JoinListsWhoIsOnline_AndChangesAreAnnounced()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var aliceHub = await alice.Hub().StartAsync();
        var aliceJoin = await aliceHub.JoinAsync(room.Id);
        var bobHub = await bob.Hub().StartAsync();

        var bobJoin = await bobHub.JoinAsync(room.Id);
        await aliceHub.WaitForEventAsync("PresenceChanged", e => e.Arg<string>(1) == bob.UserName && e.Arg<bool>(2));
        await bobHub.DisposeAsync();
        await aliceHub.WaitForEventAsync("PresenceChanged", e => e.Arg<string>(1) == bob.UserName && !e.Arg<bool>(2));

        Assert.Equal([alice.UserName], aliceJoin.Online);
        Assert.Equal(new[] { alice.UserName, bob.UserName }.Order(StringComparer.Ordinal), bobJoin.Online);
    }

    [Fact]
    public async Task Presence_SecondConnectionOfTheSameUser_IsNotAnnouncedTwice()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var aliceHub = await alice.Hub().StartAsync();
        await aliceHub.JoinAsync(room.Id);
        await using var bobPhone = await bob.Hub().StartAsync();
        var bobLaptop = await bob.Hub().StartAsync();
        await bobPhone.JoinAsync(room.Id);
        await bobLaptop.JoinAsync(room.Id);

        await bobLaptop.DisposeAsync();
        var marker = await alice.PostAsync(room.Id, "marker");
        await aliceHub.WaitForEventAsync("MessageReceived", e => e.Arg<ChatMessage>(0).Seq == marker.Seq);

        var bobChanges = aliceHub.Events.Where(e => e.Name == "PresenceChanged" && e.Arg<string>(1) == bob.UserName).ToArray();
        Assert.Single(bobChanges);
        Assert.True(bobChanges[0].Arg<bool>(2));
    }

    [Fact]
    public async Task Typing_ReachesOtherMembersOnly_AndIsThrottled()
    {
        await using var scene = await TwoMembers.StartAsync(app);
        var (alice, bob, room, aliceHub, bobHub) = (scene.Alice, scene.Bob, scene.Room, scene.AliceHub, scene.BobHub);

        await bobHub.Connection.InvokeAsync("Typing", room.Id);
        await bobHub.Connection.InvokeAsync("Typing", room.Id);
        var marker = await bobHub.SendAsync(room.Id, "done typing");
        await aliceHub.WaitForEventAsync("MessageReceived", e => e.Arg<ChatMessage>(0).Seq == marker.Seq);
        await bobHub.WaitForEventAsync("MessageReceived", e => e.Arg<ChatMessage>(0).Seq == marker.Seq);

        var typing = aliceHub.Events.Where(e => e.Name == "UserTyping").ToArray();
        Assert.Equal((room.Id, bob.UserName), (Assert.Single(typing).Arg<string>(0), typing[0].Arg<string>(1)));
        Assert.DoesNotContain(bobHub.Events, e => e.Name == "UserTyping");
    }

    [Fact]
    public async Task Unread_CountsMessagesAndMentionsUntilMarkedRead()
    {
        using var alice = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var bobHub = await bob.Hub().StartAsync();
        await bobHub.JoinAsync(room.Id);
        await alice.PostAsync(room.Id, "one");
        var mention = await alice.PostAsync(room.Id, $"two @{bob.UserName}");
        await alice.PostAsync(room.Id, "three");
        await bobHub.WaitForEventAsync("NotificationReceived");

        var before = await MyRoomAsync(bob, room.Id);
        var afterFirst = await bobHub.InvokeAsync<RoomReadState>("MarkRead", room.Id, 1L);
        var middle = await MyRoomAsync(bob, room.Id);
        var rest = await bob.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/read", new { seq = 99 });
        var after = await MyRoomAsync(bob, room.Id);

        Assert.Equal((3L, 0L, 3L, 1), (before.GetProperty("lastSeq").GetInt64(), before.GetProperty("lastReadSeq").GetInt64(), before.GetProperty("unread").GetInt64(), before.GetProperty("mentions").GetInt32()));
        Assert.Equal(new RoomReadState(room.Id, 1, 1), afterFirst);
        Assert.Equal((2L, 1), (middle.GetProperty("unread").GetInt64(), middle.GetProperty("mentions").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal((0L, 0, 3L), (after.GetProperty("unread").GetInt64(), after.GetProperty("mentions").GetInt32(), after.GetProperty("lastReadSeq").GetInt64()));
        Assert.True(mention.Seq == 2);
    }

    [Fact]
    public async Task Edit_ByTheAuthor_IsBroadcastAndShownInHistoryWithAnEditMark()
    {
        await using var scene = await TwoMembers.StartAsync(app);
        var (alice, bob, room, aliceHub, bobHub) = (scene.Alice, scene.Bob, scene.Room, scene.AliceHub, scene.BobHub);
        var original = await aliceHub.SendAsync(room.Id, "helo");

        var edited = await aliceHub.InvokeAsync<ChatMessage>("EditMessage", room.Id, original.Seq, "  hello  ");
        var pushed = (await bobHub.WaitForEventAsync("MessageEdited")).Arg<ChatMessage>(0);
        var history = await bob.HistoryAsync(room.Id);

        Assert.Equal("hello", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(edited.Untagged(), pushed.Untagged());
        Assert.Equal(("hello", edited.EditedAt), (history[0].Text, history[0].EditedAt));
        await HubAssert.FailsWithAsync("Forbidden", () => bobHub.InvokeAsync<ChatMessage>("EditMessage", room.Id, original.Seq, "not mine"));
        await HubAssert.FailsWithAsync("NotFound", () => aliceHub.InvokeAsync<ChatMessage>("EditMessage", room.Id, 42L, "no such"));
        await HubAssert.FailsWithAsync("Invalid", () => aliceHub.InvokeAsync<ChatMessage>("EditMessage", room.Id, original.Seq, "   "));
    }

    [Fact]
    public async Task Delete_ByAuthorOrRoomOwner_LeavesATombstone_OthersAreRefused()
    {
        using var owner = await app.NewUserAsync();
        using var bob = await app.NewUserAsync();
        using var carol = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();
        await using var ownerHub = await owner.Hub().StartAsync();
        await ownerHub.JoinAsync(room.Id);
        var bobs = await bob.PostAsync(room.Id, "bob's");
        var carols = await carol.PostAsync(room.Id, "carol's");

        var byCarol = await carol.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/messages/{bobs.Seq}", UriKind.Relative));
        var byAuthor = await bob.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/messages/{bobs.Seq}", UriKind.Relative));
        var byOwner = await ownerHub.InvokeAsync<ChatMessage>("DeleteMessage", room.Id, carols.Seq);
        var again = await bob.Http.DeleteAsync(new Uri($"/api/rooms/{room.Id}/messages/{bobs.Seq}", UriKind.Relative));
        var editDeleted = await bob.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}/messages/{bobs.Seq}", new { text = "back" });
        await ownerHub.WaitForEventAsync("MessageDeleted", e => e.Arg<long>(1) == carols.Seq);
        var history = await owner.HistoryAsync(room.Id);

        Assert.Equal(HttpStatusCode.Forbidden, byCarol.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAuthor.StatusCode);
        Assert.True(byOwner.Deleted);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, editDeleted.StatusCode);
        Assert.All(history, m => Assert.Equal((true, ""), (m.Deleted, m.Text)));
        Assert.Equal([bobs.Seq, carols.Seq], history.Select(m => m.Seq));
    }

    [Fact]
    public async Task EditOverRest_ByTheAuthor_Works()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        var original = await alice.PostAsync(room.Id, "first draft");

        var response = await alice.Http.PatchAsJsonAsync($"/api/rooms/{room.Id}/messages/{original.Seq}", new { text = "final" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = (await response.Content.ReadFromJsonAsync<ChatMessage>(ChatTestClient.Json))!;
        Assert.Equal(("final", original.Seq, original.Id), (edited.Text, edited.Seq, edited.Id));
    }

    [Fact]
    public async Task Analysis_TagsMessagesAfterTheAck_WithProfanityRangesAndSentiment()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(room.Id);

        var ack = await hub.SendAsync(room.Id, "this is shit, I hate it");
        var tagged = await hub.WaitForEventAsync("MessageTagged", e => e.Arg<long>(1) == ack.Seq);
        var tags = tagged.Arg<MessageTags>(2);
        var history = await alice.HistoryAsync(room.Id);

        Assert.Null(ack.Tags);
        Assert.True(tags.Profane);
        Assert.Equal("shit", ack.Text.Substring(tags.ProfaneRanges[0].Start, tags.ProfaneRanges[0].Length));
        Assert.Equal(MessageTags.Negative, tags.Sentiment);
        Assert.Equal(tags, history[0].Tags);
        Assert.Equal("this is shit, I hate it", history[0].Text);
    }

    [Fact]
    public async Task Analysis_LeavesNeutralCleanMessagesUntagged_AndNeverPushesThem()
    {
        using var alice = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.Hub().StartAsync();
        await hub.JoinAsync(room.Id);

        var plain = await hub.SendAsync(room.Id, "the train leaves at nine");
        var happy = await hub.SendAsync(room.Id, "great, I love it");
        await hub.WaitForEventAsync("MessageTagged", e => e.Arg<long>(1) == happy.Seq);
        var history = await alice.HistoryAsync(room.Id);

        // The plain message was analysed first; had its (neutral) tags been kept they would be here by now.
        Assert.DoesNotContain(hub.Events, e => e.Name == "MessageTagged" && e.Arg<long>(1) == plain.Seq);
        Assert.Equal((plain.Seq, (MessageTags?)null), (history[0].Seq, history[0].Tags));
        Assert.Equal(MessageTags.Positive, history[1].Tags?.Sentiment);
    }

    private static async Task<JsonElement> MyRoomAsync(ChatTestClient user, string roomId)
    {
        var me = await user.Http.GetFromJsonAsync<JsonElement>("/api/me", ChatTestClient.Json);
        return me.GetProperty("rooms").EnumerateArray().Single(r => r.GetProperty("id").GetString() == roomId);
    }
}
