using System.Net;
using System.Net.Http.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class MessagesApiTests(AppFixture app)
{
    [Fact]
    public async Task Post_AssignsConsecutiveSeqsTrimmedTextAndServerUtcTime()
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var first = await user.PostAsync(room.Id, "  hello  ");
        var second = await user.PostAsync(room.Id, "world");
        var third = await user.PostAsync(room.Id, "again");

        Assert.Equal([1L, 2L, 3L], [first.Seq, second.Seq, third.Seq]);
        Assert.Equal("hello", first.Text);
        Assert.Equal(user.UserName, first.Author);
        Assert.Equal(room.Id, first.RoomId);
        Assert.Equal(TimeSpan.Zero, first.SentAt.Offset);
        Assert.InRange(first.SentAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.True(second.SentAt >= first.SentAt);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Post_SentAtIsIso8601Utc()
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();

        var response = await user.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "when?" });
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Matches("\"sentAt\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|\\+00:00)\"", raw);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Post_EmptyText_Returns400(string? text)
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();

        var response = await user.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await user.HistoryAsync(room.Id));
    }

    [Fact]
    public async Task Post_TextOverLimit_Returns400_AndAtLimit_IsStored()
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();

        var tooLong = await user.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = new string('x', 4001) });
        var atLimit = await user.PostAsync(room.Id, new string('y', 4000));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(1, atLimit.Seq);
    }

    [Fact]
    public async Task Post_ToUnknownRoom_Returns404()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsJsonAsync($"/api/rooms/nowhere-{Guid.NewGuid().ToString("N")[..6]}/messages", new { text = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_SameClientMessageIdTwice_ReturnsOriginalAndStoresOnce()
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();

        var original = await user.PostAsync(room.Id, "once", "client-1");
        var retry = await user.PostAsync(room.Id, "once (retried)", "client-1");
        var other = await user.PostAsync(room.Id, "different", "client-2");

        Assert.Equal(original.Untagged(), retry.Untagged());
        Assert.Equal(2, other.Seq);
        Assert.Equal(["once", "different"], (await user.HistoryAsync(room.Id)).Select(m => m.Text));
    }

    [Fact]
    public async Task Post_SameClientMessageIdByAnotherAuthor_IsANewMessage()
    {
        var owner = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var room = await owner.CreateRoomAsync();

        var mine = await owner.PostAsync(room.Id, "mine", "same-id");
        var theirs = await other.PostAsync(room.Id, "theirs", "same-id");

        Assert.NotEqual(mine.Seq, theirs.Seq);
        Assert.Equal(other.UserName, theirs.Author);
    }

    [Fact]
    public async Task Post_TooLongClientMessageId_Returns400()
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();

        var response = await user.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "x", clientMessageId = new string('c', 65) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task History_PagesAfterBeforeAndNewest_AcrossTheInMemoryWindow()
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();
        for (var i = 1; i <= 130; i++)
        {
            await user.PostAsync(room.Id, $"m{i}");
        }

        var newest = await user.HistoryAsync(room.Id);
        var afterFive = await user.HistoryAsync(room.Id, "?after=5&limit=3");
        var beforeTen = await user.HistoryAsync(room.Id, "?before=10&limit=4");
        var between = await user.HistoryAsync(room.Id, "?after=100&before=104");
        var oldest = await user.HistoryAsync(room.Id, "?after=0&limit=200");
        var pastEnd = await user.HistoryAsync(room.Id, "?after=130");

        Assert.Equal(Enumerable.Range(81, 50).Select(i => (long)i), newest.Select(m => m.Seq));
        Assert.Equal([6L, 7L, 8L], afterFive.Select(m => m.Seq));
        Assert.Equal([6L, 7L, 8L, 9L], beforeTen.Select(m => m.Seq));
        Assert.Equal([101L, 102L, 103L], between.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 130).Select(i => (long)i), oldest.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 130).Select(i => $"m{i}"), oldest.Select(m => m.Text));
        Assert.Empty(pastEnd);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?limit=abc")]
    [InlineData("?after=-1")]
    [InlineData("?before=0")]
    [InlineData("?after=x")]
    public async Task History_WithBadQuery_Returns400(string query)
    {
        var user = await app.NewUserAsync();
        var room = await user.CreateRoomAsync();

        var response = await user.Http.GetAsync(new Uri($"/api/rooms/{room.Id}/messages{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ConcurrentPosts_GetEveryseqOnceWithNoGaps()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.NewUserAsync()));
        var room = await users[0].CreateRoomAsync();

        var posted = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => users[i % users.Length].PostAsync(room.Id, $"c{i}")));

        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), posted.Select(m => m.Seq).Order());
        var history = await users[0].HistoryAsync(room.Id, "?after=0&limit=200");
        Assert.Equal(posted.OrderBy(m => m.Seq).Untagged(), history.Untagged());
    }
}
