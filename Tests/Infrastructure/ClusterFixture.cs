using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Orleans.TestingHost;

namespace Chat.Tests.Infrastructure;

/// <summary>An in-process Orleans cluster of two silos sharing one embedded store.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Properties["Chat:DataDirectory"] = _data.Path;
        builder.Properties["Chat:Encryption:Keys:test-1"] = TestKeys.EncryptionKey;
        builder.Properties["Chat:Encryption:CurrentKeyId"] = "test-1";
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A new room owned by a new user.</summary>
    public async Task<(IRoomGrain Room, string RoomId, string Owner)> NewRoomAsync(bool isPrivate = false)
    {
        var owner = ChatTestClient.UniqueName();
        await Grains.GetGrain<IUserGrain>(owner).RegisterAsync("hash", null);
        var roomId = "r-" + Guid.NewGuid().ToString("N")[..12];
        var room = Grains.GetGrain<IRoomGrain>(roomId);
        await room.CreateAsync(owner, new RoomSettings("Room " + roomId, null, isPrivate));
        return (room, roomId, owner);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _data.Dispose();
    }
}
