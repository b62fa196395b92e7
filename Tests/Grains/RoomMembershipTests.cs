using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;

namespace Chat.Tests.Grains;

public sealed class RoomMembershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARoomBeingCreated_IsSeenByNobody_UntilItIsComplete()
    {
        var (room, _) = Room(isPrivate: false);
        room.SetCreating(true);

        Assert.Equal(ChatErrorCode.NotFound, Refusal(() => room.RequireReader("ann")));
        Assert.True(room.IsOpen);

        room.SetCreating(false);
        room.RequireReader("anyone");
    }

    [Fact]
    public void AClosedRoom_RefusesEvenItsOwner_AndIsNoLongerOpen()
    {
        var (room, _) = Room(isPrivate: false);

        room.Close();

        Assert.False(room.IsOpen);
        Assert.Equal(ChatErrorCode.NotFound, Refusal(() => room.RequireOwner("ann")));
    }

    [Fact]
    public void APrivateRoom_IsForItsMembersOnly_AndOwnerRightsForTheOwnerOnly()
    {
        var (room, _) = Room(isPrivate: true, "bob");

        room.RequireReader("bob");
        Assert.Equal(ChatErrorCode.Forbidden, Refusal(() => room.RequireReader("eve")));
        Assert.Equal(ChatErrorCode.Forbidden, Refusal(() => room.RequireOwner("bob")));
        room.RequireOwner("ann");
    }

    [Fact]
    public void AMemberMayLeave_OnlyTheOwnerRemovesOthers_AndTheOwnerStays()
    {
        var (room, _) = Room(isPrivate: true, "bob", "cid");

        room.RequireMayRemove("bob", "bob");
        room.RequireMayRemove("ann", "cid");
        Assert.Equal(ChatErrorCode.Forbidden, Refusal(() => room.RequireMayRemove("bob", "cid")));
        Assert.Equal(ChatErrorCode.Invalid, Refusal(() => room.RequireMayRemove("ann", "ann")));
        Assert.False(room.Remove("ann"));
        Assert.True(room.Remove("bob"));
        Assert.False(room.Remove("bob"));
        Assert.Equal(["ann", "cid"], room.Members());
    }

    [Fact]
    public void AFullRoom_RefusesANewMember_ButNotOneAlreadyIn()
    {
        var (room, _) = Room(isPrivate: false, maxMembers: 2, "bob");

        Assert.False(room.Add("bob"));
        Assert.Equal(ChatErrorCode.Invalid, Refusal(() => room.Add("cid")));
        Assert.Equal(["ann", "bob"], room.Members());
    }

    [Fact]
    public void APatch_PassesOwnershipOnlyToAMember_AndARefusedPatchChangesNothing()
    {
        var (room, _) = Room(isPrivate: false, "bob");

        Assert.Equal(ChatErrorCode.Invalid, Refusal(() => room.Apply(new RoomPatch("renamed", "new topic", true, "eve"))));
        Assert.Equal(new RoomSummary("r1", "lobby", null, false, "ann"), room.Summary());

        room.Apply(new RoomPatch("renamed", "  ", true, "bob"));

        Assert.Equal(new RoomSummary("r1", "renamed", null, true, "bob"), room.Summary());
        Assert.True(room.IsOwner("bob"));
    }

    [Fact]
    public void Mentions_SkipTheAuthor_AndInAPrivateRoomEveryoneButMembers()
    {
        var (open, _) = Room(isPrivate: false, "bob");
        var (closed, _) = Room(isPrivate: true, "bob");

        Assert.Equal(["bob", "eve"], open.Notified(["ann", "bob", "eve"], "ann"));
        Assert.Equal(["bob"], closed.Notified(["ann", "bob", "eve"], "ann"));
    }

    [Fact]
    public void StartingOverAHalfCreatedRoom_NamesItsOtherOwner_AndLeavesOnlyTheNewOwnerIn()
    {
        var (room, state) = Room(isPrivate: false, "bob");
        room.SetCreating(true);
        room.RequireFree();

        Assert.Null(room.Start("ann", "again", null, true, Now));
        room.SetCreating(true);
        Assert.Equal("ann", room.Start("bob", "again", null, true, Now));

        Assert.True(state.State.Creating);
        Assert.Equal(["bob"], room.Members());
        Assert.Equal(["bob"], room.AccessChanged(deleted: false).Members);
        Assert.Empty(room.AccessChanged(deleted: true).Members);
    }

    [Fact]
    public void ACompleteRoom_IsNotCreatedAgain()
    {
        var (room, _) = Room(isPrivate: false);

        Assert.Equal(ChatErrorCode.Conflict, Refusal(room.RequireFree));
    }

    private static (RoomMembership Room, StoredRoom State) Room(bool isPrivate, params string[] others) =>
        Room(isPrivate, maxMembers: 100, others);

    private static (RoomMembership Room, StoredRoom State) Room(bool isPrivate, int maxMembers, params string[] others)
    {
        var state = new StoredRoom();
        var room = new RoomMembership("r1", state, maxMembers);
        room.Start("ann", "lobby", null, isPrivate, Now);
        room.SetCreating(false);
        foreach (var other in others)
        {
            room.Add(other);
        }

        state.RecordExists = true;
        return (room, state);
    }

    private static ChatErrorCode Refusal(Action action) => Assert.Throws<ChatException>(action).Code;
}
