using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>One user's page of the chat client, with the steps the tests take as a person would.</summary>
public sealed partial class ChatPage(IPage page, string userName)
{
    public IPage Page => page;

    public string UserName => userName;

    public ILocator Composer => page.GetByLabel("Message", new() { Exact = true });

    /// <summary>The acknowledged messages shown in the open room.</summary>
    public ILocator Messages => page.Locator("li.message[data-seq]");

    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    public ILocator Bell => page.GetByRole(AriaRole.Button, new() { Name = "Notifications" });

    public async Task SignUpAsync(string password = "correct horse")
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await WaitSignedInAsync();
    }

    public Task WaitSignedInAsync() =>
        Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(userName);

    /// <summary>Opens a room by its address and waits until it is joined on the hub (live delivery on).</summary>
    public async Task OpenRoomAsync(string roomId)
    {
        await page.GotoAsync($"/r/{roomId}");
        await WaitJoinedAsync(roomId);
    }

    public Task WaitJoinedAsync(string roomId) =>
        Assertions.Expect(page.Locator($"section.room[data-room-id='{roomId}']")).ToHaveAttributeAsync("data-joined", "true");

    /// <summary>Creates a room through the dialog; returns its id (from the address the app navigates to).</summary>
    public async Task<string> CreateRoomAsync(string name, bool isPrivate = false, string? topic = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New room" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        if (topic is not null)
        {
            await page.GetByLabel("Topic (optional)").FillAsync(topic);
        }

        if (isPrivate)
        {
            await page.GetByLabel("Private").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Create room" }).ClickAsync();

        // An auto-retrying assertion on the address, not WaitForURLAsync: that compares the client's copy of the URL and
        // only then subscribes to navigations, so a navigation that lands in between is never seen and the wait times
        // out although the room is open. The id is then read from the page itself, not from that copy.
        await Assertions.Expect(page).ToHaveURLAsync(RoomAddress());
        var roomId = await page.EvaluateAsync<string>("() => location.pathname.slice('/r/'.length)");
        await WaitJoinedAsync(roomId);
        return roomId;
    }

    /// <summary>
    /// Types a message and sends it with Enter; waits until it is acknowledged: the client shows it as pending at once
    /// (in the key press's own render) and drops the pending copy when the acknowledgement arrives.
    /// </summary>
    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
        await Assertions.Expect(Composer).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("li.message[data-status]")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("/r/[a-z0-9-]+$")]
    private static partial Regex RoomAddress();

    /// <summary>The seq of every message shown, in display order.</summary>
    public async Task<long[]> ShownSeqsAsync() =>
        (await Messages.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.seq)")).Select(long.Parse).ToArray();
}
