using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;

namespace Chat.Tests.Storage;

/// <summary>
/// What every <see cref="IRoomDirectory"/> must do. Each store's test class only says how to build an empty one, so
/// the embedded store and the DynamoDB store are held to the same scenarios, listing order included.
/// </summary>
public abstract class RoomDirectoryContract
{
    /// <summary>An empty directory of its own for the calling test.</summary>
    protected abstract Task<IRoomDirectory> NewDirectoryAsync();

    [Fact]
    public async Task Upsert_ThenGet_ReturnsPublicAndPrivateSummaries_AndLeavesUnknownIdsOut()
    {
        var directory = await NewDirectoryAsync();
        var open = new RoomSummary("open", "Open room", "anything goes", false, "alice");
        var closed = new RoomSummary("closed", "Closed room", null, true, "bob");
        await directory.UpsertAsync(open);
        await directory.UpsertAsync(closed);

        var found = await directory.GetAsync(["closed", "open", "missing", "open"]);

        Assert.Equal([closed, open], found.OrderBy(room => room.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListPublic_LeavesPrivateRoomsOut_AndFollowsRenamesAndPrivacyChanges()
    {
        var directory = await NewDirectoryAsync();
        await directory.UpsertAsync(new RoomSummary("a", "Alpha", "first topic", false, "alice"));
        await directory.UpsertAsync(new RoomSummary("b", "Bravo", null, true, "alice"));
        await directory.UpsertAsync(new RoomSummary("c", "Charlie", null, false, "alice"));

        Assert.Equal(["a", "c"], await IdsAsync(directory, null));

        await directory.UpsertAsync(new RoomSummary("a", "Zulu", "second topic", false, "alice"));
        await directory.UpsertAsync(new RoomSummary("b", "Bravo", null, false, "alice"));
        await directory.UpsertAsync(new RoomSummary("c", "Charlie", null, true, "alice"));

        Assert.Equal(["b", "a"], await IdsAsync(directory, null));
        Assert.Empty(await IdsAsync(directory, "alpha"));
        Assert.Empty(await IdsAsync(directory, "first"));
        Assert.Equal(["a"], await IdsAsync(directory, "second"));
        Assert.Empty(await IdsAsync(directory, "charlie"));
        Assert.Equal(new RoomSummary("a", "Zulu", "second topic", false, "alice"), Assert.Single(await directory.GetAsync(["a"])));
    }

    [Fact]
    public async Task Remove_TakesTheRoomOutOfGetAndListing_AndUnknownIdsAreIgnored()
    {
        var directory = await NewDirectoryAsync();
        await directory.UpsertAsync(new RoomSummary("gone", "Gone soon", "with a topic", false, "alice"));
        await directory.UpsertAsync(new RoomSummary("kept", "Kept", null, false, "alice"));

        await directory.RemoveAsync("gone");
        await directory.RemoveAsync("never-was");

        Assert.Empty(await directory.GetAsync(["gone"]));
        Assert.Equal(["kept"], await IdsAsync(directory, null));
        Assert.Empty(await IdsAsync(directory, "with"));
    }

    [Fact]
    public async Task Search_MatchesNameOrTopicPrefix_IgnoringCase_AndListsEachRoomOnce()
    {
        var directory = await NewDirectoryAsync();
        await directory.UpsertAsync(new RoomSummary("both", "Rust lovers", "Rust and more", false, "alice"));
        await directory.UpsertAsync(new RoomSummary("name", "RUSTACEANS", null, false, "alice"));
        await directory.UpsertAsync(new RoomSummary("topic", "Systems", "rusty   code", false, "alice"));
        await directory.UpsertAsync(new RoomSummary("inside", "Trust", "we trust rust", false, "alice"));
        await directory.UpsertAsync(new RoomSummary("hidden", "Rust secrets", null, true, "alice"));

        // Listed under the matching term: "rust and more"/"rust lovers" → name "rust lovers", "rustaceans", topic "rusty code".
        Assert.Equal(["both", "name", "topic"], await IdsAsync(directory, "  RuSt "));
        Assert.Equal(["topic"], await IdsAsync(directory, "rusty code"));
        Assert.Empty(await IdsAsync(directory, "code"));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(null, 3)]
    [InlineData("r", 2)]
    public async Task Paging_WithTheKeyOfTheLastRoom_VisitsEveryListedRoomOnceInKeyOrder(string? search, int limit)
    {
        var directory = await NewDirectoryAsync();
        string[] names = ["room", "Room", "röom", "Rooms", "r", "r 2", "ärger", "zebra", "😀 smile", "\uFFFD odd", "éclair", "R2-D2", "rz"];
        var rooms = names.Select((name, i) => new RoomSummary($"id-{i:00}", name, i % 3 == 0 ? "ring topic" : null, false, "alice")).ToList();
        rooms.Add(new RoomSummary("secret", "Room of secrets", "ring", true, "alice"));
        await Task.WhenAll(rooms.Select(room => directory.UpsertAsync(room)));
        var normalized = RoomSearch.NormalizeSearch(search);
        var expected = rooms.Where(room => !room.IsPrivate && RoomListKey.IsListed(room, normalized))
            .OrderBy(room => RoomListKey.Of(room, normalized))
            .Select(room => room.Id)
            .ToList();

        var seen = new List<string>();
        RoomListKey? after = null;
        for (var pages = 0; pages <= rooms.Count; pages++)
        {
            var page = await directory.ListPublicAsync(normalized, after, limit);
            Assert.True(page.Rooms.Count <= limit, $"A page of {page.Rooms.Count} rooms for limit {limit}.");
            seen.AddRange(page.Rooms.Select(room => room.Id));
            after = page.Rooms.Count == limit ? RoomListKey.Of(page.Rooms[^1], normalized) : page.ScannedTo;
            if (after is null)
            {
                break;
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Upsert_OfAnUnchangedSummary_KeepsItListedOnce()
    {
        var directory = await NewDirectoryAsync();
        var room = new RoomSummary("same", "Same", "same topic", false, "alice");

        await directory.UpsertAsync(room);
        await directory.UpsertAsync(room);
        await directory.UpsertAsync(room with { Owner = "bob" });

        Assert.Equal([room with { Owner = "bob" }], (await directory.ListPublicAsync(null, null, 10)).Rooms);
        Assert.Equal([room with { Owner = "bob" }], (await directory.ListPublicAsync("same", null, 10)).Rooms);
    }

    private static async Task<List<string>> IdsAsync(IRoomDirectory directory, string? search) =>
        (await directory.ListPublicAsync(RoomSearch.NormalizeSearch(search), null, 100)).Rooms.Select(room => room.Id).ToList();
}
