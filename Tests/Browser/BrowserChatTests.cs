using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The browser client end to end: real Chromium, the real app process, people's steps.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserChatTests(BrowserAppFixture app)
{
    [Fact]
    public Task TwoUsers_ChatInRealTime_BothWays_AndEachSeesTheOthersMessageOnce() =>
        BrowserSession.RunAsync(app, nameof(TwoUsers_ChatInRealTime_BothWays_AndEachSeesTheOthersMessageOnce), async session =>
        {
            var alice = await session.OpenAsync("alice");
            await alice.SignUpAsync();
            var bob = await session.OpenAsync("bob", BrowserSession.Phone);
            await bob.SignUpAsync();

            // The other tests' rooms are private, so this room list is what a newcomer sees (the README's screenshot).
            var roomId = await alice.CreateRoomAsync("Design review", topic: "Onboarding flow, round two");
            await bob.OpenRoomAsync(roomId);

            const string first = "Morning! The new onboarding flow is live on staging: https://example.com/onboarding";
            await alice.SendAsync(first);
            await Expect(bob.Message(first)).ToHaveCountAsync(1);

            const string reply = "Nice, having a look now. The colours work much better.";
            await bob.SendAsync(reply);
            await Expect(alice.Message(reply)).ToHaveCountAsync(1);

            await alice.SendAsync("@bob could you check step 2 before the review?");
            await bob.SendAsync("On it. Found one typo, fixing it now");
            await Expect(alice.Messages).ToHaveCountAsync(4);

            // By now any second delivery of the first message would have arrived: it is still there once.
            await Expect(bob.Message(first)).ToHaveCountAsync(1);
            await Expect(bob.Messages).ToHaveCountAsync(4);
            Assert.Equal(new long[] { 1, 2, 3, 4 }, await bob.ShownSeqsAsync());
            await Expect(alice.Message(first).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("rel", "noopener noreferrer");

            await alice.Composer.FillAsync("Thanks!");
            await alice.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ArtifactsDirectory, "chat.png") });
        });

    [Fact]
    public Task Mention_LightsTheOtherUsersBell_AndTheInboxListsIt() =>
        BrowserSession.RunAsync(app, nameof(Mention_LightsTheOtherUsersBell_AndTheInboxListsIt), async session =>
        {
            var (alice, aliceRest) = await session.SignedInAsync("alice");
            var (bob, _) = await session.SignedInAsync("bob");
            var room = await aliceRest.CreateRoomAsync(isPrivate: true);
            await aliceRest.AddMemberAsync(room.Id, bob.UserName);
            await alice.OpenRoomAsync(room.Id);
            await Expect(bob.Page.GetByTestId("bell-count")).ToHaveCountAsync(0);

            await alice.SendAsync($"@{bob.UserName} the release notes need your eyes");

            await Expect(bob.Page.GetByTestId("bell-count")).ToHaveTextAsync("1");
            await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Notifications, 1 unread" }).ClickAsync();
            var inbox = bob.Page.GetByRole(AriaRole.Region, new() { Name = "Notifications" });
            await Expect(inbox.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
            await Expect(inbox).ToContainTextAsync($"{alice.UserName} mentioned you");
            await Expect(inbox).ToContainTextAsync("the release notes need your eyes");

            await inbox.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
            await Expect(bob.Page.GetByTestId("bell-count")).ToHaveCountAsync(0);
        });

    [Fact]
    public Task PrivateRoom_IsInvisibleToANonMember_AndAMemberRemovedWhileWatchingSeesItClose() =>
        BrowserSession.RunAsync(app, nameof(PrivateRoom_IsInvisibleToANonMember_AndAMemberRemovedWhileWatchingSeesItClose), async session =>
        {
            var (owner, _) = await session.SignedInAsync("owner");
            var (member, _) = await session.SignedInAsync("member");
            var (outsider, _) = await session.SignedInAsync("outsider");
            var roomName = "Secret plans " + Guid.NewGuid().ToString("N")[..6];
            var roomId = await owner.CreateRoomAsync(roomName, isPrivate: true);
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Room settings" }).ClickAsync();
            await owner.Page.GetByLabel("User name to add").FillAsync(member.UserName);
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await Expect(owner.Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {member.UserName}" })).ToBeVisibleAsync();

            await member.OpenRoomAsync(roomId);
            await Expect(member.Page.GetByTestId("room-name")).ToHaveTextAsync(roomName);
            await owner.Page.Keyboard.PressAsync("Escape");
            await owner.SendAsync("Only for the two of us");
            await Expect(member.Message("Only for the two of us")).ToHaveCountAsync(1);

            await outsider.Page.ReloadAsync();
            await outsider.WaitSignedInAsync();
            await Expect(outsider.Page.GetByRole(AriaRole.Navigation, new() { Name = "Rooms" })).Not.ToContainTextAsync(roomName);
            await outsider.Page.GotoAsync($"/r/{roomId}");
            await Expect(outsider.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This room is closed");
            await Expect(outsider.Page.GetByText("Only for the two of us")).ToHaveCountAsync(0);

            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Room settings" }).ClickAsync();
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {member.UserName}" }).ClickAsync();

            await Expect(member.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This room is closed");
            await Expect(member.Page.GetByText("Only for the two of us")).ToHaveCountAsync(0);
            await Expect(member.Page.GetByRole(AriaRole.Navigation, new() { Name = "Rooms" })).Not.ToContainTextAsync(roomName);
        });

    [Fact]
    public Task HtmlAndScriptInAMessage_StayInertText_ForSenderAndReader() =>
        BrowserSession.RunAsync(app, nameof(HtmlAndScriptInAMessage_StayInertText_ForSenderAndReader), async session =>
        {
            var (sender, rest) = await session.SignedInAsync("mallory");
            var (reader, _) = await session.SignedInAsync("reader");
            var room = await rest.CreateRoomAsync(isPrivate: true);
            await rest.AddMemberAsync(room.Id, reader.UserName);
            await sender.OpenRoomAsync(room.Id);
            await reader.OpenRoomAsync(room.Id);

            const string image = "<img src=x onerror=\"window.__xss = 'img'\">";
            const string script = "<script>window.__xss = 'script'</script><a href=\"javascript:window.__xss='link'\">click</a>";
            await sender.SendAsync(image);
            await sender.SendAsync(script);

            foreach (var page in new[] { sender, reader })
            {
                await Expect(page.Messages).ToHaveCountAsync(2);
                await Expect(page.Messages.Nth(0).Locator(".message-text")).ToHaveTextAsync(image);
                await Expect(page.Messages.Nth(1).Locator(".message-text")).ToHaveTextAsync(script);
                await Expect(page.Page.Locator(".message-list img, .message-list script, .message-list a[href^='javascript']")).ToHaveCountAsync(0);
                Assert.True(await page.Page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"A payload ran in {page.UserName}'s page.");
            }
        });

    [Fact]
    public Task ScrollingUp_LoadsOlderHistory_WithNoDuplicateAtThePageBoundary() =>
        BrowserSession.RunAsync(app, nameof(ScrollingUp_LoadsOlderHistory_WithNoDuplicateAtThePageBoundary), async session =>
        {
            const int count = 180;
            var (reader, rest) = await session.SignedInAsync("historian");
            var room = await rest.CreateRoomAsync(isPrivate: true);
            for (var batch = 0; batch < count; batch += 30)
            {
                await Task.WhenAll(Enumerable.Range(batch + 1, 30).Select(i => rest.PostAsync(room.Id, $"history line {i}")));
            }

            await reader.OpenRoomAsync(room.Id);
            await Expect(reader.Messages).ToHaveCountAsync(100);
            var start = reader.Page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome to {room.Name}" });
            for (var page = 0; page < 10 && !await start.IsVisibleAsync(); page++)
            {
                var shown = await reader.Messages.CountAsync();
                await reader.Page.Locator(".messages").EvaluateAsync("list => list.scrollTop = 0");
                await reader.Page.WaitForFunctionAsync(
                    "shown => document.querySelectorAll('li.message[data-seq]').length > shown || document.querySelector('.room-start') !== null",
                    shown,
                    new() { Timeout = 10_000 });
            }

            await Expect(start).ToBeVisibleAsync();
            var seqs = await reader.ShownSeqsAsync();
            Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), seqs);
        });

    [Fact]
    public Task AfterTheServerRestarts_ThePageReconnectsByItself_AndShowsMessagesSentMeanwhileOnce() =>
        BrowserSession.RunAsync(app, nameof(AfterTheServerRestarts_ThePageReconnectsByItself_AndShowsMessagesSentMeanwhileOnce), async session =>
        {
            var (reader, _) = await session.SignedInAsync("reader");
            var writer = await new Infrastructure.ChatTestClient(app.BaseUrl).RegisterAsync(Infrastructure.ChatTestClient.UniqueName("writer"));
            var room = await writer.CreateRoomAsync(isPrivate: true);
            await writer.AddMemberAsync(room.Id, reader.UserName);
            await writer.PostAsync(room.Id, "before the restart");
            await reader.OpenRoomAsync(room.Id);
            await Expect(reader.Messages).ToHaveCountAsync(1);

            var banner = reader.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reconnecting" });
            await app.RestartAsync(whileDown: () => Expect(banner).ToBeVisibleAsync());

            // The page is still waiting for its next retry: these are sent while it is away.
            for (var i = 1; i <= 3; i++)
            {
                await writer.PostAsync(room.Id, $"sent meanwhile {i}");
            }

            await Expect(banner).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            await reader.WaitJoinedAsync(room.Id);
            await Expect(reader.Messages).ToHaveCountAsync(4);
            await writer.PostAsync(room.Id, "after the reconnect");
            await Expect(reader.Messages).ToHaveCountAsync(5);
            Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, await reader.ShownSeqsAsync());
            await Expect(reader.Message("sent meanwhile 2")).ToHaveCountAsync(1);
        });

    [Fact]
    public Task AProfaneWord_IsMasked_AndCanBeRevealed() =>
        BrowserSession.RunAsync(app, nameof(AProfaneWord_IsMasked_AndCanBeRevealed), async session =>
        {
            var (page, rest) = await session.SignedInAsync("sailor");
            var room = await rest.CreateRoomAsync(isPrivate: true);
            await page.OpenRoomAsync(room.Id);

            await page.SendAsync("well that is shit news");

            var message = page.Message("well that is");
            var hidden = message.GetByRole(AriaRole.Button, new() { Name = "Hidden word: show it" });
            await Expect(hidden).ToHaveTextAsync("••••");
            await Expect(message).Not.ToContainTextAsync("shit");
            await hidden.ClickAsync();
            await Expect(message.Locator(".message-text")).ToHaveTextAsync("well that is shit news");
        });
}
