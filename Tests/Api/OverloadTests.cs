using System.Net;
using System.Net.Http.Json;
using Chat.Api.Infrastructure;
using Chat.Tests.ClusterProcesses;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Api;

/// <summary>
/// Overload is shed at the front door: with every send slot taken by sends whose grain path is held, the next send
/// (REST or hub) is refused <c>Unavailable</c> / 503 with <c>Retry-After</c> at once, health checks and other calls of
/// open connections still answer, and sends are served again once the held ones finish.
/// </summary>
public sealed class OverloadTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly HeldRoomPosts _held = new();
    private ChatAppFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ChatAppFactory(
            _data.Path,
            new Dictionary<string, string?>
            {
                ["Chat:Api:MaxConcurrentSends"] = "2",
                ["Chat:Api:MaxQueuedSends"] = "0",
                ["Chat:Api:MaxParallelInvocationsPerConnection"] = "2",
                // The held sends must not be answered at their deadline while the test looks at the refusals.
                ["Chat:Api:RequestDeadline"] = "00:01:00",
            },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(_held));
        _ = _factory.BaseAddress;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WhenEverySendSlotIsTaken_SendsAreRefusedAtOnce_HealthAndOtherCallsAnswer_AndSendsResumeAfterwards()
    {
        using var alice = await _factory.NewClient().RegisterAsync();
        var room = await alice.CreateRoomAsync();
        var quiet = await alice.CreateRoomAsync();
        var admission = _factory.Services.GetRequiredService<SendAdmission>();
        _held.RoomId = room.Id;
        Assert.Equal(2, _factory.Services.GetRequiredService<IOptions<HubOptions>>().Value.MaximumParallelInvocationsPerClient);

        var first = alice.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "held 1" });
        var second = alice.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "held 2" });
        await Poll.UntilAsync(
            () => Task.FromResult(admission.Statistics.CurrentAvailablePermits == 0 && _held.Held == 2),
            TimeSpan.FromSeconds(30),
            "both held sends to take a send slot and reach the room",
            () => $"free slots {admission.Statistics.CurrentAvailablePermits}, held posts {_held.Held}");

        var refused = await alice.Http.PostAsJsonAsync($"/api/rooms/{room.Id}/messages", new { text = "one too many" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(TransientFailures.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.False(first.IsCompleted || second.IsCompleted, "the refusal came while the held sends still waited: it did not queue behind them");

        await using var hub = await alice.Hub().StartAsync();
        var join = await hub.JoinAsync(quiet.Id);
        await HubAssert.FailsWithAsync("Unavailable", () => hub.SendAsync(room.Id, "over the hub"));
        using var anonymous = new HttpClient { BaseAddress = _factory.BaseAddress };
        var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(0, join.LastSeq);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(2, _held.Held);

        _held.Release();
        await ChatTestClient.EnsureStatusAsync(await first, HttpStatusCode.Created);
        await ChatTestClient.EnsureStatusAsync(await second, HttpStatusCode.Created);
        var overHub = await hub.SendAsync(room.Id, "served again");
        var overRest = await alice.PostAsync(room.Id, "served again too");

        Assert.Equal(3, overHub.Seq);
        Assert.Equal(4, overRest.Seq);
        Assert.Equal(2, admission.Statistics.CurrentAvailablePermits);
    }

    public async Task DisposeAsync()
    {
        _held.Release();
        await _factory.DisposeAsync();
        _data.Dispose();
    }
}
