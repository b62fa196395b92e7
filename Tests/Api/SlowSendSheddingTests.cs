using System.Net;
using System.Net.Http.Json;
using Chat.Api.Infrastructure;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Api;

/// <summary>
/// Slow sends lower the front silo's send limit: once sends take longer than the latency target, the silo lets fewer
/// in and refuses the next at once, although its send slots are far from full (a saturated silo with one call per
/// connection never fills them).
/// </summary>
public sealed class SlowSendSheddingTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly HeldRoomPosts _held = new();
    private readonly HeldRoomPosts _heldAgain = new();
    private ChatAppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ChatAppFactory(
            _data.Path,
            new Dictionary<string, string?>
            {
                ["Chat:Api:MaxConcurrentSends"] = "20",
                ["Chat:Api:MaxQueuedSends"] = "0",
                ["Chat:Api:MinConcurrentSends"] = "2",
                ["Chat:Api:SendLatencyTarget"] = "00:00:00.010",
                ["Chat:Api:RequestDeadline"] = "00:01:00",
            },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(_held).AddSingleton<IIncomingGrainCallFilter>(_heldAgain));
        _ = _factory.BaseAddress;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AfterAWindowOfSlowSends_TheSiloLetsInFewer_AndRefusesTheNextAtOnceWhileSlotsAreFree()
    {
        using var alice = await _factory.NewClient().RegisterAsync();
        var room = await alice.CreateRoomAsync();
        await alice.PostAsync(room.Id, "fast, before the hold");
        var admission = _factory.Services.GetRequiredService<SendAdmission>();
        Assert.Equal(20, admission.Limit);

        _held.RoomId = room.Id;
        var slow = Enumerable.Range(0, 8).Select(i => alice.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = $"slow {i}" })).ToArray();
        await Poll.UntilAsync(() => Task.FromResult(_held.Held == 8), TimeSpan.FromSeconds(30), "the 8 sends to reach the room and be held", () => $"held {_held.Held}");

        // The limit moves at most once per window of time, when a send ends after the window: the held sends stay
        // held for one window, and a fast send ends one window after them.
        await Task.Delay(SendLatencyLimit.Window);
        _held.Release();
        foreach (var send in slow)
        {
            await ChatTestClient.EnsureStatusAsync(await send, HttpStatusCode.Created);
        }

        Assert.Equal(20, admission.Limit);
        await Task.Delay(SendLatencyLimit.Window);
        await alice.PostAsync(room.Id, "fast, after the slow ones");

        // Three quarters of the 7 or 8 that were in flight in the window; the slow sends themselves were all answered.
        var lowered = admission.Limit;
        Assert.InRange(lowered, 2, 6);
        Assert.Equal(20, admission.Statistics.CurrentAvailablePermits);

        _heldAgain.RoomId = room.Id;
        var filling = Enumerable.Range(0, lowered).Select(i => alice.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = $"held {i}" })).ToArray();
        await Poll.UntilAsync(() => Task.FromResult(_heldAgain.Held == lowered), TimeSpan.FromSeconds(30), "sends to fill the lowered limit", () => $"held {_heldAgain.Held} of {lowered}");

        var refused = await alice.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "one past the lowered limit" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(TransientFailures.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(20 - lowered, admission.Statistics.CurrentAvailablePermits);
        _heldAgain.Release();
        foreach (var send in filling)
        {
            await ChatTestClient.EnsureStatusAsync(await send, HttpStatusCode.Created);
        }
    }

    public async Task DisposeAsync()
    {
        _held.Release();
        _heldAgain.Release();
        await _factory.DisposeAsync();
        _data.Dispose();
    }
}
