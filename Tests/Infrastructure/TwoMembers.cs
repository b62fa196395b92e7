using Chat.Grains.Abstractions.Rooms;

namespace Chat.Tests.Infrastructure;

/// <summary>The commonest scene: alice owns a room, bob is in it, both have joined over the hub.</summary>
public sealed class TwoMembers : IAsyncDisposable
{
    private TwoMembers(ChatTestClient alice, ChatTestClient bob, RoomInfo room, HubClient aliceHub, HubClient bobHub)
    {
        (Alice, Bob, Room, AliceHub, BobHub) = (alice, bob, room, aliceHub, bobHub);
    }

    public ChatTestClient Alice { get; }

    public ChatTestClient Bob { get; }

    public RoomInfo Room { get; }

    public HubClient AliceHub { get; }

    public HubClient BobHub { get; }

    public static async Task<TwoMembers> StartAsync(AppFixture app)
    {
        var alice = await app.NewUserAsync();
        var bob = await app.NewUserAsync();
        var room = await alice.CreateRoomAsync();
        var aliceHub = await alice.Hub().StartAsync();
        var bobHub = await bob.Hub().StartAsync();
        await aliceHub.JoinAsync(room.Id);
        await bobHub.JoinAsync(room.Id);
        return new TwoMembers(alice, bob, room, aliceHub, bobHub);
    }

    public async ValueTask DisposeAsync()
    {
        await AliceHub.DisposeAsync();
        await BobHub.DisposeAsync();
        Alice.Dispose();
        Bob.Dispose();
    }
}
