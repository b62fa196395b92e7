using Chat.Tests.Infrastructure;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Chat.Silo.Clustering.DynamoDb;
using Chat.Silo.Hosting;
using Chat.Silo.Storage.DynamoDb;
using Chat.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Chat.Tests.Clustering;

/// <summary>
/// Real silos configured by <see cref="ChatSiloExtensions.AddChatSilo"/> with <c>Chat:Mode=Cluster</c>: they create
/// their tables, join through the DynamoDB membership table and keep grain state and messages in DynamoDB.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class ClusterModeSiloTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task TwoSilosInClusterMode_JoinThroughDynamoDb_AndShareGrainStateAndHistory()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var tablePrefix = $"e2e-{Guid.NewGuid():N}-";
        using var first = BuildSilo(clusterId, tablePrefix);
        using var second = BuildSilo(clusterId, tablePrefix);

        await first.StartAsync(timeout.Token);
        await second.StartAsync(timeout.Token);

        var options = Options.Create(new DynamoDbOptions { ServiceUrl = dynamo.ServiceUrl, TablePrefix = tablePrefix });
        var table = new DynamoDbMembershipTable(
            dynamo.Client,
            options,
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            NullLogger<DynamoDbMembershipTable>.Instance);
        var members = await table.ReadAllAsync(timeout.Token);
        Assert.Equal(2, members.Members.Count(member => member.Item1.Status == SiloStatus.Active));

        var room = $"room-{Guid.NewGuid():N}"[..30];
        Assert.True(await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>("alice").RegisterAsync("hash", "Alice"));
        await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(room)
            .CreateAsync("alice", new RoomSettings("Cluster room", null, IsPrivate: false));
        var posted = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(room)
            .PostAsync("alice", "hello from the cluster", "client-1");
        var stored = await new DynamoDbMessageLog(dynamo.Client, options, NullLogger<DynamoDbMessageLog>.Instance)
            .ReadAsync(room, MessageQuery.Newest(10), timeout.Token);
        Assert.Equal([posted.Untagged()], stored.Untagged());
        // A private room's text reaches DynamoDB encrypted, with the key id beside it; members read plain text.
        var secretRoom = $"secret-{Guid.NewGuid():N}"[..30];
        var grains = first.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IRoomGrain>(secretRoom).CreateAsync("alice", new RoomSettings("Secret room", null, IsPrivate: true));
        var secret = await grains.GetGrain<IRoomGrain>(secretRoom).PostAsync("alice", "the vault code is 1234", null);
        var raw = await dynamo.Client.QueryAsync(
            new QueryRequest
            {
                TableName = options.Value.MessagesTableName,
                KeyConditionExpression = "RoomId = :room",
                ExpressionAttributeValues = new() { [":room"] = new AttributeValue { S = secretRoom } },
                ConsistentRead = true,
            },
            timeout.Token);
        var item = Assert.Single(raw.Items);
        Assert.DoesNotContain("vault", item["Text"].S, StringComparison.Ordinal);
        Assert.Equal("test-1", item["KeyId"].S);
        Assert.Equal("the vault code is 1234", secret.Text);
        Assert.Equal(secret.Text, (await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomGrain>(secretRoom)
            .GetHistoryAsync("alice", MessageQuery.Newest(10)))[0].Text);

        var grainStates = await dynamo.Client.ScanAsync(new ScanRequest { TableName = options.Value.GrainStateTableName }, timeout.Token);
        Assert.Contains(grainStates.Items, item => item["GrainKey"].S.Contains(room, StringComparison.Ordinal));

        var secondAddress = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await second.StopAsync(timeout.Token);
        Assert.Equal(SiloStatus.Dead, (await table.ReadAllAsync(timeout.Token)).TryGet(secondAddress)!.Item1.Status);
        await first.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task RoomDirectory_InClusterMode_PagesThroughMoreRoomsThanOneItemHolds_AndShowsPrivateRoomsToMembersOnly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var tablePrefix = $"e2e-{Guid.NewGuid():N}-";
        using var silo = BuildSilo($"cluster-{Guid.NewGuid():N}", tablePrefix);
        await silo.StartAsync(timeout.Token);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var owners = Enumerable.Range(0, 8).Select(i => $"owner{i}").ToArray();
        foreach (var owner in owners)
        {
            Assert.True(await grains.GetGrain<IUserGrain>(owner).RegisterAsync("hash", null));
        }

        Assert.True(await grains.GetGrain<IUserGrain>("outsider").RegisterAsync("hash", null));

        // Names and topics long enough that the summaries together exceed DynamoDB's 400 KB item limit.
        const int count = 720;
        var rooms = Enumerable.Range(0, count)
            .Select(i => (Id: $"big-{i:0000}", Settings: new RoomSettings($"Room {i:0000} " + new string('n', 90), "Topic " + new string('t', 490), IsPrivate: i % 50 == 0)))
            .ToList();
        Assert.True(rooms.Sum(room => room.Settings.Name.Length + room.Settings.Topic!.Length) > 400 * 1024);
        await Parallel.ForEachAsync(
            rooms.Select((room, i) => (room.Id, room.Settings, Owner: owners[i % owners.Length])),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = timeout.Token },
            async (room, _) => await grains.GetGrain<IRoomGrain>(room.Id).CreateAsync(room.Owner, room.Settings));

        var directory = grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);
        async Task<List<string>> PageThroughAsync(string caller)
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await directory.ListAsync(caller, new RoomListQuery(null, cursor, RoomListQuery.MaxLimit));
                Assert.True(page.Rooms.Count <= RoomListQuery.MaxLimit);
                seen.AddRange(page.Rooms.Select(room => room.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null && seen.Count <= count);
            return seen;
        }

        Assert.Equal(rooms.Where(room => !room.Settings.IsPrivate).Select(room => room.Id), await PageThroughAsync("outsider"));
        Assert.Equal(rooms.Where((room, i) => !room.Settings.IsPrivate || i % owners.Length == 0).Select(room => room.Id), await PageThroughAsync(owners[0]));
        Assert.Equal(rooms.Where((_, i) => i % owners.Length == 1).Select(room => room.Id), (await directory.MineAsync(owners[1])).Select(room => room.Id));

        var options = new DynamoDbOptions { TablePrefix = tablePrefix };
        var grainStates = await dynamo.Client.ScanAsync(new ScanRequest { TableName = options.GrainStateTableName }, timeout.Token);
        Assert.DoesNotContain(grainStates.Items, item => item["GrainKey"].S.Contains("directory", StringComparison.OrdinalIgnoreCase));
        await silo.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task PrivateMention_OfAnOfflineMember_ReachesDynamoDbOnlyAsCiphertext()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var tablePrefix = $"pm-{Guid.NewGuid():N}-";
        using var silo = BuildSilo($"cluster-{Guid.NewGuid():N}", tablePrefix);
        await silo.StartAsync(timeout.Token);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var (alice, bob) = ($"alice{Guid.NewGuid():N}"[..20], $"bob{Guid.NewGuid():N}"[..20]);
        await grains.GetGrain<IUserGrain>(alice).RegisterAsync("hash", null);
        await grains.GetGrain<IUserGrain>(bob).RegisterAsync("hash", null, $"{bob}@mail.test");
        var roomId = $"secret-{Guid.NewGuid():N}"[..30];
        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.CreateAsync(alice, new RoomSettings("Secret room", null, IsPrivate: true));
        await room.AddMemberAsync(alice, bob);
        var secret = $"vault-{Guid.NewGuid():N}";

        await room.PostAsync(alice, $"@{bob} the code is {secret}", null);

        NotificationPage inbox = new([], 0);
        await ClusterProcesses.Poll.UntilAsync(
            async () => (inbox = await grains.GetGrain<IUserGrain>(bob).GetNotificationsAsync(null, 10)).Notifications.Count == 1,
            TimeSpan.FromSeconds(20),
            "the mention in bob's inbox");
        Assert.Contains(secret, inbox.Notifications[0].Excerpt, StringComparison.Ordinal);
        var options = new DynamoDbOptions { TablePrefix = tablePrefix };
        foreach (var table in new[] { options.GrainStateTableName, options.MessagesTableName })
        {
            var items = await dynamo.Client.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true }, timeout.Token);
            Assert.NotEmpty(items.Items);
            var leaks = items.Items.Where(item => item.Values.Any(value => Holds(value, secret[..12]))).Select(item => item.Values.First(v => v.S is not null).S);
            Assert.True(!leaks.Any(), $"private text in plain in {table}: {string.Join(", ", leaks)}");
        }

        await silo.StopAsync(timeout.Token);
    }

    /// <summary>Whether an attribute's raw value (text or bytes, the way DynamoDB keeps it) holds <paramref name="text"/>.</summary>
    private static bool Holds(AttributeValue value, string text) =>
        (value.S?.Contains(text, StringComparison.Ordinal) ?? false)
        || (value.B is { } bytes && bytes.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0);

    private IHost BuildSilo(string clusterId, string tablePrefix)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Mode"] = "Cluster",
            ["Chat:DynamoDb:ServiceUrl"] = dynamo.ServiceUrl,
            ["Chat:DynamoDb:TablePrefix"] = tablePrefix,
            ["Chat:DynamoDb:CreateTables"] = "true",
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:SiloPort"] = DynamoDbLocalFixture.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = DynamoDbLocalFixture.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Chat:Encryption:Keys:test-1"] = TestKeys.EncryptionKey,
            ["Chat:Encryption:CurrentKeyId"] = "test-1",
        });
        builder.AddChatSilo();
        return builder.Build();
    }
}
