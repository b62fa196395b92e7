using Chat.Grains.Abstractions.Messages;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Storage;

/// <summary>
/// kill -9 of an embedded front silo while rooms are posting: every message it acknowledged is in the store when a
/// new silo opens the same data directory, because the store's writer completes a request only after COMMIT.
/// </summary>
public sealed class EmbeddedStoreKillTests
{
    private const int Rooms = 10;
    private const int MaxPerRoom = 150;

    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["Chat__Api__MessagesPerSecond"] = "100000",
        ["Chat__Api__MessageBurst"] = "100000",
        ["Chat__Api__RoomCreationsPerMinute"] = "100000",
    };

    [Fact]
    public async Task KillingTheSilo_WhileRoomsPost_LosesNoAcknowledgedMessage()
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        var log = Path.Combine(directory.Path, "front.log");
        var (first, firstUrl) = await StartAsync(directory.Path, data, log);
        ChatTestClient user;
        var acknowledged = new List<ChatMessage>[Rooms];
        string[] rooms;
        try
        {
            user = await new ChatTestClient(firstUrl).RegisterAsync();
            rooms = new string[Rooms];
            for (var i = 0; i < Rooms; i++)
            {
                rooms[i] = (await user.CreateRoomAsync()).Id;
                acknowledged[i] = [];
            }

            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Rooms).Select(i => SendUntilStoppedAsync(user, rooms[i], acknowledged[i], stop.Token)).ToArray();
            await Poll.UntilAsync(() => acknowledged.Sum(Count) >= Rooms * 20, TimeSpan.FromSeconds(60), "20 acknowledged messages per room", () => FrontSiloProcess.Tail(log));

            first.Kill(); // SIGKILL, with posts in flight
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }
        finally
        {
            first.Kill();
            first.Dispose();
        }

        var (second, secondUrl) = await StartAsync(directory.Path, data, log);
        try
        {
            using var again = new ChatTestClient(secondUrl);
            again.UseToken(user.UserName, user.Token);
            for (var i = 0; i < Rooms; i++)
            {
                var stored = (await again.HistoryAsync(rooms[i], $"?after=0&limit={MessageQuery.MaxLimit}")).ToDictionary(m => m.Seq);
                List<ChatMessage> acked;
                lock (acknowledged[i])
                {
                    acked = [.. acknowledged[i]];
                }

                Assert.NotEmpty(acked);
                Assert.All(acked, message => Assert.True(
                    stored.TryGetValue(message.Seq, out var found) && found.Text == message.Text,
                    $"room {rooms[i]}: acknowledged seq {message.Seq} is missing after the kill"));
            }
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync(TimeSpan.FromSeconds(30));
            second.Dispose();
            user.Dispose();
        }
    }

    private static int Count(List<ChatMessage> messages)
    {
        lock (messages)
        {
            return messages.Count;
        }
    }

    private static async Task<(SiloProcess Process, Uri Url)> StartAsync(string workingDirectory, string data, string log)
    {
        var silo = await FrontSiloProcess.StartAsync(workingDirectory, data, log, Unthrottled);
        return (silo, silo.BaseUrl);
    }

    /// <summary>Posts to the room one message at a time, recording what is acknowledged, until stopped or it fails.</summary>
    private static async Task SendUntilStoppedAsync(ChatTestClient user, string roomId, List<ChatMessage> acknowledged, CancellationToken stop)
    {
        for (var n = 0; n < MaxPerRoom && !stop.IsCancellationRequested; n++)
        {
            ChatMessage message;
            try
            {
                message = await user.PostAsync(roomId, $"message {n}");
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException)
            {
                return; // the silo is gone: this post was not acknowledged
            }

            lock (acknowledged)
            {
                acknowledged.Add(message);
            }
        }
    }
}
