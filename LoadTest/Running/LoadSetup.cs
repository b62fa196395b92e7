using System.Diagnostics;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>
/// The set-up, kept out of the measured phase: tokens for every user (from the cache when the server still accepts
/// them, else register-or-login), the rooms (created unless they exist), and the hub connections.
/// </summary>
public static class LoadSetup
{
    public const string Password = "load-test-password";
    private const int Parallelism = 16;

    /// <summary>
    /// One token per user; returns them and how many came from the cache. A cached token is checked with the server
    /// first, unless <paramref name="trustCache"/> (the check wakes the user's grain: not what a measurement of
    /// reconnections wants).
    /// </summary>
    public static async Task<(string[] Tokens, int Cached)> SignInAsync(
        LoadPlan plan, IReadOnlyList<ChatRestClient> rests, TokenCache cache, bool trustCache, TimeProvider time, CancellationToken cancellationToken)
    {
        var tokens = new string[plan.Users];
        var cached = 0;
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Users), Options(cancellationToken), async (i, ct) =>
        {
            var rest = rests[plan.UrlOf(i)];
            var name = plan.UserNames[i];
            if (cache.Get(rest.BaseUrl, name, now) is { } token && (trustCache || await rest.IsValidAsync(token, ct)))
            {
                tokens[i] = token;
                Interlocked.Increment(ref cached);
                return;
            }

            tokens[i] = await rest.SignInAsync(name, Password, ct);
            cache.Set(rest.BaseUrl, name, tokens[i]);
        });
        return (tokens, cached);
    }

    /// <summary>Each room's first member makes sure the room exists, through the room's URL (<see cref="LoadPlan.RoomUrlOf"/>).</summary>
    public static Task EnsureRoomsAsync(LoadPlan plan, IReadOnlyList<ChatRestClient> rests, string[] tokens, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, plan.Rooms), Options(cancellationToken), async (room, ct) =>
        {
            var owner = room * plan.Members;
            await rests[plan.RoomUrlOf(room)].EnsureRoomAsync(tokens[owner], plan.RoomIds[room], ct);
        });

    /// <summary>Connects every user and joins its room; each connection's time (connect + join) goes to <paramref name="timing"/>'s ack histogram.</summary>
    public static async Task<VirtualUser[]> ConnectAsync(HubClientKind client, LoadPlan plan, IReadOnlyList<Uri> baseUrls, string[] tokens, string text, MetricsSlot metrics, RunMetrics timing, CancellationToken cancellationToken)
    {
        var users = new VirtualUser[plan.Users];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, plan.Users), Options(cancellationToken, 32), async (i, ct) =>
            {
                var hubUrl = new Uri(baseUrls[plan.UrlOf(i)], "hubs/chat");
                var user = new VirtualUser(client, i, plan.UserNames[i], tokens[i], hubUrl, plan.RunId, plan.RoomIds[plan.RoomOf(i)], plan.Members - 1, text, metrics);
                users[i] = user;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await user.ConnectAsync(ct);
                }
                catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    throw new LoadTestSetupException(
                        $"User {plan.UserNames[i]} could not connect to {hubUrl} or join its room: {error.Message} (a stale token? run with --token-cache none)", error);
                }

                timing.RecordAttempt(started);
                timing.RecordAck(started, Stopwatch.GetTimestamp(), 0);
            });
        }
        catch
        {
            await DisposeAsync(users);
            throw;
        }

        return users;
    }

    public static async Task DisposeAsync(IEnumerable<VirtualUser?> users)
    {
        var closing = Task.WhenAll(users.OfType<VirtualUser>().Select(u => u.DisposeAsync().AsTask()));
        await Task.WhenAny(closing, Task.Delay(TimeSpan.FromSeconds(15)));
    }

    private static ParallelOptions Options(CancellationToken cancellationToken, int parallelism = Parallelism) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
}
