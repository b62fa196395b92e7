using System.Net;
using Chat.Grains.Abstractions.Messages;
using Chat.Tests.Infrastructure;
using Chat.Tests.Storage;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace Chat.Tests.ClusterProcesses;

/// <summary>
/// SIGTERM to a front silo while a user is connected to it through nginx and another keeps posting: the user's client
/// reconnects through the balancer to the other front silo, catches up from its last seq with no gap and no duplicate,
/// and the stopped silo completes Orleans' graceful stop and leaves its membership row as Dead.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class GracefulShutdownTests(DynamoDbLocalFixture dynamoDb, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StoppingAFrontSilo_ItsClientsReconnectThroughTheBalancer_AndCatchUpWithoutGapOrDuplicate()
    {
        await using var cluster = await ProcessCluster.StartAsync(dynamoDb, fronts: 2, backs: 1, balancer: true);
        var (stopping, staying) = (cluster.Fronts[0], cluster.Fronts[1]);
        var balancer = cluster.Balancer!;
        using var alice = await new ChatTestClient(balancer.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("alice"));
        using var bob = await new ChatTestClient(staying.BaseUrl).RegisterAsync(ChatTestClient.UniqueName("bob"));
        var room = (await bob.CreateRoomAsync()).Id;

        // Alice's browser: through nginx, with an affinity cookie that nginx maps to the silo about to stop.
        var cookies = await CookiesForAsync(balancer, stopping.Name);
        await using var aliceLive = await new LiveClient("alice", balancer.HubUrl, alice.Token, cookies: cookies).StartAsync();
        await aliceLive.JoinAsync(room);

        var bobSender = new SteadySender("bob", (text, id, ct) => bob.PostAsync(room, text, id, ct), TimeSpan.FromMilliseconds(50));
        using var stop = new CancellationTokenSource();
        var sending = Task.Run(() => bobSender.RunAsync(stop.Token));
        try
        {
            await aliceLive.WaitUntilAsync(r => r.Count >= 20, Bound, "receiving bob's messages");

            var stoppedAt = DateTimeOffset.UtcNow;
            stopping.Terminate();

            // Watched from now on: the test's clean-up settings delete a dead silo's row a few seconds later.
            var leftMembership = cluster.WaitForStatusAsync(stopping, SiloStatus.Dead, Bound);
            await aliceLive.WaitUntilAsync(_ => aliceLive.Closures > 0, Bound, "told that its connection closed");
            var closedAt = DateTimeOffset.UtcNow;
            var display = aliceLive.Received().Select(r => r.Message).ToList();
            var lastBeforeClose = display[^1].Seq;

            // The client contract: connect again (same URL: the balancer picks a live front silo), join again, read
            // what was missed after the last seq shown, then show live messages past it.
            var reconnectTook = await aliceLive.ReconnectAsync(Bound);
            var liveFrom = aliceLive.Received().Count;
            await JoinAgainAsync(aliceLive, room);
            var missed = await alice.HistoryAfterAsync(room, lastBeforeClose);
            display.AddRange(missed);

            var exited = await stopping.WaitForExitAsync(Bound);
            var exitedAt = DateTimeOffset.UtcNow;
            Assert.True(exited, $"{stopping} did not exit within {Bound.TotalSeconds} s of SIGTERM.\n{stopping.LogTail()}");

            // The silo alice reconnected to is not the one that stopped: her connection outlives it.
            await aliceLive.WaitUntilAsync(r => r.Count - liveFrom >= 20, Bound, "receiving live messages after reconnecting");
            var skippedAsSeen = 0;
            foreach (var message in aliceLive.Received().Skip(liveFrom).Select(r => r.Message))
            {
                if (message.Seq > display[^1].Seq)
                {
                    display.Add(message);
                }
                else
                {
                    skippedAsSeen++;
                }
            }

            await stop.CancelAsync();
            await sending;

            // What alice was shown is exactly the room's history up to the last live message: no gap, no duplicate.
            var history = await bob.HistoryAfterAsync(room);
            HistoryAssert.IsContiguous(history);
            HistoryAssert.ContainsEveryAcknowledged(history, bobSender.Acked);
            HistoryAssert.StrictlyIncreasing(display.Select(m => m.Seq), "alice's display");
            Assert.Equal(history.Take(display.Count).Select(m => (m.Seq, m.Id)), display.Select(m => (m.Seq, m.Id)));
            Assert.Equal(1, aliceLive.Closures);
            var servedBy = await balancer.FrontForAsync(cookies);
            Assert.Equal(staying.Name, servedBy);

            // It left on its own: exit code 0, Orleans' stop completed (no "non-graceful" shutdown), its row says Dead,
            // and no other silo was declared dead. (With probes every second, a silo may cast a suspicion vote on it
            // in its last moments; that vote does not make it dead, its own update does.)
            Assert.Equal(0, stopping.ExitCode);
            Assert.DoesNotContain("non-graceful", await File.ReadAllTextAsync(stopping.LogPath), StringComparison.Ordinal);
            var row = await leftMembership;
            var others = await cluster.MembershipAsync();
            Assert.All(others.Where(e => !stopping.Is(e.SiloAddress)), e => Assert.Equal(SiloStatus.Active, e.Status));

            output.WriteLine($"SIGTERM at {stoppedAt:HH:mm:ss.fff}; alice's connection closed after {(closedAt - stoppedAt).TotalSeconds:0.00} s; " +
                $"connected again through nginx to {servedBy} {reconnectTook.TotalSeconds:0.00} s later; " +
                $"{missed.Count} message(s) read from history after seq {lastBeforeClose}, {skippedAsSeen} live one(s) skipped as already shown; {display.Count} shown, history {history.Count}");
            output.WriteLine($"{stopping.Name} exited (code {stopping.ExitCode}) {(exitedAt - stoppedAt).TotalSeconds:0.00} s after SIGTERM at the latest; membership row {row.Status} ({row.SuspectTimes?.Count ?? 0} suspicion vote(s) cast during its shutdown)");
            output.WriteLine($"bob: {bobSender.Acked.Count} acknowledged, {bobSender.Retries} retried");
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>
    /// Joins as a client does after reconnecting: a refusal while the cluster settles (the room's grain may have been
    /// on the stopping silo) is retried, bounded.
    /// </summary>
    private static Task JoinAgainAsync(LiveClient client, string room) =>
        Poll.UntilAsync(
            async () =>
            {
                try
                {
                    await client.JoinAsync(room);
                    return true;
                }
                catch (HubException)
                {
                    return false;
                }
            },
            Bound,
            $"{client.Name} joined {room} again");

    /// <summary>Fresh cookie containers until nginx maps one to <paramref name="front"/> (half of them do).</summary>
    private static async Task<CookieContainer> CookiesForAsync(NginxProcess balancer, string front)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var cookies = new CookieContainer();
            if (await balancer.FrontForAsync(cookies) == front)
            {
                return cookies;
            }
        }

        throw new InvalidOperationException($"nginx mapped no affinity cookie to {front} in 40 tries.");
    }
}
