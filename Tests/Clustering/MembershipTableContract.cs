using System.Net;

namespace Chat.Tests.Clustering;

/// <summary>
/// What the Orleans membership protocol needs from an <see cref="IMembershipTable"/> (the scenarios of Orleans'
/// <c>MembershipTableTestsBase</c>): atomic row + version writes guarded by ETags and by the version being the stored
/// one's successor, reads that are whole snapshots, heartbeats that invalidate nothing, and cleanup of every entry that
/// is not active and was not updated since the cut-off.
/// Each implementation's test class only says how to build a table for a cluster id.
/// </summary>
public abstract class MembershipTableContract
{
    private static int s_nextPort = 20_000;

    /// <summary>A table for the given cluster, not yet initialized.</summary>
    protected abstract IMembershipTable CreateTable(string clusterId);

    [Fact]
    public async Task ReadAll_OfANewCluster_IsEmptyAtVersionZero()
    {
        var table = await NewClusterAsync();

        var data = await table.ReadAllAsync(Timeout());

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task Insert_ThenReadAll_ReturnsTheEntryAtTheNewVersion()
    {
        var table = await NewClusterAsync();
        var before = (await table.ReadAllAsync(Timeout())).Version;
        var entry = Entry();

        Assert.True(await table.InsertRowAsync(entry, before.Next(), Timeout()));

        var data = await table.ReadAllAsync(Timeout());
        var (stored, etag) = Assert.Single(data.Members);
        AssertSameEntry(entry, stored);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(before.VersionEtag, data.Version.VersionEtag);
    }

    [Fact]
    public async Task Insert_OfASiloAlreadyInTheTable_IsRefused()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));

        var current = (await table.ReadAllAsync(Timeout())).Version;
        Assert.False(await table.InsertRowAsync(entry, current.Next(), Timeout()));

        Assert.Equal(current, (await table.ReadAllAsync(Timeout())).Version);
    }

    [Fact]
    public async Task Insert_WithAStaleVersionETag_IsRefusedAndWritesNothing()
    {
        var table = await NewClusterAsync();
        var stale = (await table.ReadAllAsync(Timeout())).Version;
        Assert.True(await table.InsertRowAsync(Entry(), stale.Next(), Timeout()));
        var late = Entry();

        Assert.False(await table.InsertRowAsync(late, stale.Next(), Timeout()));

        var data = await table.ReadAllAsync(Timeout());
        Assert.Null(data.TryGet(late.SiloAddress));
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task Update_WithTheETagsRead_Succeeds()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var data = await table.ReadAllAsync(Timeout());
        var (_, etag) = data.Members[0];

        entry.Status = SiloStatus.ShuttingDown;
        Assert.True(await table.UpdateRowAsync(entry, etag, data.Version.Next(), Timeout()));

        var after = await table.ReadAllAsync(Timeout());
        Assert.Equal(SiloStatus.ShuttingDown, after.Members[0].Item1.Status);
        Assert.NotEqual(etag, after.Members[0].Item2);
        Assert.Equal(data.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task Update_WithAStaleRowETag_IsRefused()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var first = await table.ReadAllAsync(Timeout());
        var staleRowETag = first.Members[0].Item2;
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, staleRowETag, first.Version.Next(), Timeout()));

        var current = (await table.ReadAllAsync(Timeout())).Version;
        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, staleRowETag, current.Next(), Timeout()));

        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync(Timeout())).Members[0].Item1.Status);
    }

    [Fact]
    public async Task Update_WithAStaleVersionETag_IsRefused()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        var other = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var read = await table.ReadAllAsync(Timeout());
        Assert.True(await table.InsertRowAsync(other, read.Version.Next(), Timeout()));

        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, read.TryGet(entry.SiloAddress)!.Item2, read.Version.Next(), Timeout()));

        Assert.Equal(SiloStatus.Joining, (await table.ReadAllAsync(Timeout())).TryGet(entry.SiloAddress)!.Item1.Status);
    }

    [Fact]
    public async Task ConcurrentUpdates_FromTheSameRead_ExactlyOneWins()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var read = await table.ReadAllAsync(Timeout());
        var (_, etag) = read.Members[0];

        var writers = Enumerable.Range(0, 6).Select(i =>
        {
            var copy = Copy(entry);
            copy.SiloName = $"writer-{i}";
            return Task.Run(() => table.UpdateRowAsync(copy, etag, read.Version.Next(), Timeout()));
        });
        var results = await Task.WhenAll(writers);

        Assert.Equal(1, results.Count(won => won));
        var after = await table.ReadAllAsync(Timeout());
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.StartsWith("writer-", after.Members[0].Item1.SiloName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRow_ReturnsTheEntryWithTheSameVersionAsReadAll()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        var other = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        Assert.True(await table.InsertRowAsync(other, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var all = await table.ReadAllAsync(Timeout());

        var row = await table.ReadRowAsync(entry.SiloAddress, Timeout());

        var (stored, etag) = Assert.Single(row.Members);
        AssertSameEntry(entry, stored);
        Assert.Equal(all.TryGet(entry.SiloAddress)!.Item2, etag);
        Assert.Equal(all.Version, row.Version);
        Assert.Equal(2, row.Version.Version);
    }

    [Fact]
    public async Task ReadRow_OfAnUnknownSilo_ReturnsNoEntryAndTheCurrentVersion()
    {
        var table = await NewClusterAsync();
        Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));

        var row = await table.ReadRowAsync(Entry().SiloAddress, Timeout());

        Assert.Empty(row.Members);
        Assert.Equal((await table.ReadAllAsync(Timeout())).Version, row.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyTheAliveTime_AndLeavesEarlierReadsUsable()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var read = await table.ReadAllAsync(Timeout());
        var heartbeat = Copy(entry);
        heartbeat.IAmAliveTime = entry.IAmAliveTime.AddMinutes(1);
        heartbeat.Status = SiloStatus.Dead;

        await table.UpdateIAmAliveAsync(heartbeat, Timeout());

        var after = await table.ReadAllAsync(Timeout());
        var (stored, etag) = after.Members[0];
        Assert.Equal(heartbeat.IAmAliveTime, stored.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(read.Members[0].Item2, etag);
        Assert.Equal(read.Version, after.Version);
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, read.Members[0].Item2, read.Version.Next(), Timeout()));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesEveryNonActiveEntryNotUpdatedSinceTheDate()
    {
        var table = await NewClusterAsync();
        var now = DateTime.UtcNow;
        var cutoff = now.AddHours(-1);
        var old = Enum.GetValues<SiloStatus>().Where(status => status != SiloStatus.None).Select(status => Entry(status, now.AddHours(-2))).ToList();
        var deadRecent = Entry(SiloStatus.Dead, now.AddMinutes(-1));
        var joiningRecent = Entry(SiloStatus.Joining, now.AddMinutes(-1));
        var deadOldButRecentlyVotedDead = Entry(SiloStatus.Dead, now.AddHours(-2));
        deadOldButRecentlyVotedDead.SuspectTimes = [Tuple.Create(deadRecent.SiloAddress, now.AddMinutes(-1))];
        var stoppingStartedLongAgoButAliveRecently = Entry(SiloStatus.Stopping, now.AddHours(-2));
        stoppingStartedLongAgoButAliveRecently.IAmAliveTime = now.AddMinutes(-1);
        var all = old.Concat([deadRecent, joiningRecent, deadOldButRecentlyVotedDead, stoppingStartedLongAgoButAliveRecently]).ToList();
        foreach (var entry in all)
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        }

        var before = await table.ReadAllAsync(Timeout());

        await table.CleanupDefunctSiloEntriesAsync(cutoff, Timeout());

        var after = await table.ReadAllAsync(Timeout());
        var kept = after.Members.Select(member => member.Item1.SiloAddress).ToHashSet();
        Assert.All(old.Where(entry => entry.Status != SiloStatus.Active), entry => Assert.DoesNotContain(entry.SiloAddress, kept));
        Assert.Contains(old.Single(entry => entry.Status == SiloStatus.Active).SiloAddress, kept);
        Assert.Contains(deadRecent.SiloAddress, kept);
        Assert.Contains(joiningRecent.SiloAddress, kept);
        Assert.Contains(deadOldButRecentlyVotedDead.SiloAddress, kept);
        Assert.Contains(stoppingStartedLongAgoButAliveRecently.SiloAddress, kept);
        Assert.Equal(5, after.Members.Count);
        foreach (var (entry, etag) in after.Members)
        {
            Assert.Equal(before.TryGet(entry.SiloAddress)!.Item2, etag);
        }

        // A second cleanup with the same cut-off finds nothing more to do.
        await table.CleanupDefunctSiloEntriesAsync(cutoff, Timeout());
        var repeated = await table.ReadAllAsync(Timeout());
        Assert.Equal(after.Version, repeated.Version);
        Assert.Equal(kept, repeated.Members.Select(member => member.Item1.SiloAddress).ToHashSet());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_LeavesTheVersionUsableForTheNextWrite()
    {
        var table = await NewClusterAsync();
        var now = DateTime.UtcNow;
        Assert.True(await table.InsertRowAsync(Entry(SiloStatus.Dead, now.AddHours(-2)), (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var read = await table.ReadAllAsync(Timeout());

        await table.CleanupDefunctSiloEntriesAsync(now.AddHours(-1), Timeout());

        var after = await table.ReadAllAsync(Timeout());
        Assert.Empty(after.Members);
        Assert.True(await table.InsertRowAsync(Entry(), after.Version.Next(), Timeout()));
        Assert.Equal(read.Version.Version + 1, (await table.ReadAllAsync(Timeout())).Version.Version);
    }

    [Fact]
    public async Task Writes_WithAVersionThatIsNotTheSuccessorOfTheStoredOne_AreRefusedAndWriteNothing()
    {
        var table = await NewClusterAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var read = await table.ReadAllAsync(Timeout());
        var (_, etag) = read.Members[0];
        var skipping = new TableVersion(read.Version.Version + 2, read.Version.VersionEtag);
        var repeating = new TableVersion(read.Version.Version, read.Version.VersionEtag);

        entry.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(entry, etag, skipping, Timeout()));
        Assert.False(await table.UpdateRowAsync(entry, etag, repeating, Timeout()));
        Assert.False(await table.InsertRowAsync(Entry(), skipping, Timeout()));

        var after = await table.ReadAllAsync(Timeout());
        Assert.Equal(read.Version, after.Version);
        var (stored, storedETag) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(etag, storedETag);
    }

    [Fact]
    public async Task ReadAll_DuringConcurrentInserts_ReturnsOnlyWholeVersions()
    {
        var table = await NewClusterAsync();
        const int inserts = 12;
        using var done = new CancellationTokenSource();
        var snapshots = new List<MembershipTableData>();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var seen = new List<MembershipTableData>();
            while (!done.IsCancellationRequested && seen.Count < 500)
            {
                seen.Add(await table.ReadAllAsync(Timeout()));
            }

            return seen;
        })).ToList();

        for (var i = 0; i < inserts; i++)
        {
            Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        }

        await done.CancelAsync();
        foreach (var reader in readers)
        {
            snapshots.AddRange(await reader);
        }

        // Each insert adds one row and one version: a snapshot with as many rows as its version is a whole one.
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, snapshot => Assert.Equal(snapshot.Version.Version, snapshot.Members.Count));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesThatClusterOnly()
    {
        var clusterId = NewClusterId();
        var table = await NewClusterAsync(clusterId);
        var otherTable = await NewClusterAsync();
        Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        Assert.True(await otherTable.InsertRowAsync(Entry(), (await otherTable.ReadAllAsync(Timeout())).Version.Next(), Timeout()));

        await table.DeleteMembershipTableEntriesAsync(clusterId, Timeout());

        var deleted = await table.ReadAllAsync(Timeout());
        Assert.Empty(deleted.Members);
        Assert.Equal(0, deleted.Version.Version);
        Assert.Single((await otherTable.ReadAllAsync(Timeout())).Members);
    }

    [Fact]
    public async Task InitializeMembershipTable_Again_KeepsTheVersionAndEntries()
    {
        var clusterId = NewClusterId();
        var table = await NewClusterAsync(clusterId);
        Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Timeout())).Version.Next(), Timeout()));
        var before = await table.ReadAllAsync(Timeout());

        await CreateTable(clusterId).InitializeMembershipTableAsync(true, Timeout());

        var after = await table.ReadAllAsync(Timeout());
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Members);
    }

    protected async Task<IMembershipTable> NewClusterAsync(string? clusterId = null)
    {
        var table = CreateTable(clusterId ?? NewClusterId());
        await table.InitializeMembershipTableAsync(true, Timeout());
        return table;
    }

    protected static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    /// <summary>Every table call is bounded, so a hung store fails the test instead of hanging the run.</summary>
    protected static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    protected static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, DateTime? time = null)
    {
        var when = time ?? DateTime.UtcNow;
        var port = Interlocked.Increment(ref s_nextPort);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 123_456 + port),
            Status = status,
            ProxyPort = port + 10_000,
            HostName = "host-1",
            SiloName = $"silo-{port}",
            RoleName = "chat",
            UpdateZone = 1,
            FaultZone = 2,
            StartTime = when,
            IAmAliveTime = when,
            SuspectTimes = [],
        };
    }

    private static MembershipEntry Copy(MembershipEntry entry) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = entry.Status,
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
        SuspectTimes = [.. entry.SuspectTimes ?? []],
    };

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes ?? [], actual.SuspectTimes ?? []);
    }
}
