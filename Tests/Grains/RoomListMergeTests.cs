using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;

namespace Chat.Tests.Grains;

public sealed class RoomListMergeTests
{
    [Fact]
    public void Page_InterleavesPublicAndPrivateRoomsByName_AndPointsAfterTheLastShown()
    {
        var stored = new RoomDirectoryPage([Room("a", "Apple"), Room("c", "cherry"), Room("e", "Elder")]);

        var page = RoomListMerge.Page(stored, [Room("b", "banana", isPrivate: true), Room("d", "Date", isPrivate: true)], null, 3);

        Assert.Equal(["a", "b", "c"], page.Rooms.Select(room => room.Id));
        Assert.True(RoomListKey.TryParseCursor(page.NextCursor, out var next));
        Assert.Equal(new RoomListKey("cherry", "c"), next);
    }

    [Fact]
    public void Page_WithNothingLeftOver_HasNoNextCursor()
    {
        var page = RoomListMerge.Page(new RoomDirectoryPage([Room("a", "Apple")]), [Room("b", "banana", isPrivate: true)], null, 2);

        Assert.Equal(["a", "b"], page.Rooms.Select(room => room.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void Page_WhenTheStoreStoppedEarly_EndsWhereItStopped_AndContinuesFromThere()
    {
        var stored = new RoomDirectoryPage([Room("a", "Apple")], ScannedTo: new RoomListKey("cat", "x"));

        var page = RoomListMerge.Page(stored, [Room("b", "banana", isPrivate: true), Room("d", "Date", isPrivate: true)], null, 5);

        Assert.Equal(["a", "b"], page.Rooms.Select(room => room.Id));
        Assert.True(RoomListKey.TryParseCursor(page.NextCursor, out var next));
        Assert.Equal(new RoomListKey("cat", "x"), next);
    }

    [Fact]
    public void Page_WithASearch_OrdersARoomMatchedByItsTopicUnderTheTopic()
    {
        var stored = new RoomDirectoryPage([Room("n", "Rust club"), Room("t", "Systems", topic: "rust at work")]);

        var page = RoomListMerge.Page(stored, [], "rust", 10);

        Assert.Equal(["t", "n"], page.Rooms.Select(room => room.Id));
    }

    private static RoomSummary Room(string id, string name, bool isPrivate = false, string? topic = null) =>
        new(id, name, topic, isPrivate, "owner");
}
