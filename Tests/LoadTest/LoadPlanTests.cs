using Chat.LoadTest.Running;

namespace Chat.Tests.LoadTest;

public sealed class LoadPlanTests
{
    [Fact]
    public void Create_SpreadsMembersEvenly_AndNamesAreValidForTheServer()
    {
        var plan = LoadPlan.Create("ab12cd34", users: 20, rooms: 5, roomsPerUser: 2);

        Assert.All(Enumerable.Range(0, 5), room => Assert.Equal(8, plan.MembersOf(room)));
        Assert.All(Enumerable.Range(0, 20), user => Assert.Equal(2, plan.RoomsOf(user).Distinct().Count()));
        Assert.All(plan.UserNames, name => Assert.Matches("^[a-z0-9_.-]{3,32}$", name));
        Assert.All(plan.RoomIds, id => Assert.Matches("^[a-z0-9-]{1,64}$", id));
    }
}
