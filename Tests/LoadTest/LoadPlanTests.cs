using Chat.LoadTest.Running;

namespace Chat.Tests.LoadTest;

public sealed class LoadPlanTests
{
    [Fact]
    public void Create_PutsMembersInRooms_SendersFirst_AndNamesAreValidForTheServer()
    {
        var plan = LoadPlan.Create("lt", "ab12cd34", rooms: 5, members: 4, senders: 2, urls: 1);

        Assert.Equal(20, plan.Users);
        Assert.Equal([0, 0, 0, 0, 1], Enumerable.Range(0, 5).Select(plan.RoomOf));
        Assert.Equal(10, plan.SenderIndexes().Count());
        Assert.All(plan.SenderIndexes(), i => Assert.True(plan.IsSender(i)));
        Assert.All(plan.UserNames, name => Assert.Matches("^[a-z0-9_.-]{3,32}$", name));
        Assert.All(plan.RoomIds, id => Assert.Matches("^[a-z0-9-]{1,64}$", id));
    }

    [Fact]
    public void SenderIndexes_SpreadARoomsSendersOverTheRound_SoNoTwoConsecutiveSendsShareARoom()
    {
        var plan = LoadPlan.Create("lt", "ab12cd34", rooms: 5, members: 4, senders: 2, urls: 1);

        var senders = plan.SenderIndexes().ToList();

        Assert.Equal(Enumerable.Range(0, 20).Where(plan.IsSender), senders.Order());
        Assert.All(senders.Zip(senders.Skip(1)), pair => Assert.NotEqual(plan.RoomOf(pair.First), plan.RoomOf(pair.Second)));
        Assert.Equal([0, 4, 8, 12, 16, 1, 5, 9, 13, 17], senders);
    }

    [Fact]
    public void Create_WithTwoUrls_PutsARoomsSendersAndReceiversOnBothUrls()
    {
        var plan = LoadPlan.Create("lt", "ab12cd34", rooms: 3, members: 4, senders: 2, urls: 2);

        foreach (var room in Enumerable.Range(0, 3))
        {
            var members = Enumerable.Range(room * 4, 4).ToList();
            Assert.Equal([0, 1], members.Where(plan.IsSender).Select(plan.UrlOf).Order());
            Assert.Equal([0, 1], members.Where(m => !plan.IsSender(m)).Select(plan.UrlOf).Order());
        }
    }

    [Fact]
    public void Rooms_AreCreatedThroughEveryUrlInTurn_ThoughEachRoomsFirstMemberIsOnTheFirst()
    {
        var plan = LoadPlan.Create("lt", "abcd1234", rooms: 6, members: 20, senders: 2, urls: 2);

        Assert.All(Enumerable.Range(0, 6), room => Assert.Equal(0, plan.UrlOf(room * 20)));
        Assert.Equal([0, 1, 0, 1, 0, 1], Enumerable.Range(0, 6).Select(plan.RoomUrlOf));
    }

    [Fact]
    public void Names_DependOnThePrefixNotTheRun_SoLaterRunsReuseUsersAndRooms()
    {
        var first = LoadPlan.Create("bench", "11111111", rooms: 2, members: 3, senders: 1, urls: 1);
        var second = LoadPlan.Create("bench", "22222222", rooms: 2, members: 3, senders: 1, urls: 1);

        Assert.Equal(first.UserNames, second.UserNames);
        Assert.Equal(first.RoomIds, second.RoomIds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("has space")]
    [InlineData("a-prefix-that-is-far-too-long")]
    public void Create_WithAnInvalidPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => LoadPlan.Create(prefix, "ab12cd34", 1, 2, 1, 1));
    }
}
