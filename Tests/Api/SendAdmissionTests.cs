using System.Diagnostics.Metrics;
using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Api;

/// <summary>The send slots of a front silo: a bounded queue in front of them, refusals at once past it, no wait past the queue timeout.</summary>
public sealed class SendAdmissionTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task ASendPastTheSlotsWaitsInTheQueue_AndOnePastTheQueueIsRefusedAtOnce()
    {
        using var admission = Admission(slots: 1, queue: 1, queueTimeout: TimeSpan.FromSeconds(30));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = admission.RunAsync(() => release.Task);
        var queued = admission.RunAsync(() => Task.FromResult(2));

        var refused = await Assert.ThrowsAsync<ChatException>(() => admission.RunAsync(() => Task.FromResult(3)));

        Assert.Equal(ChatErrorCode.Unavailable, refused.Code);
        Assert.False(queued.IsCompleted, "the queued send waits for the slot");
        release.SetResult(1);
        Assert.Equal(1, await running);
        Assert.Equal(2, await queued);
        Assert.Equal(1, admission.Statistics.CurrentAvailablePermits);
    }

    [Fact]
    public async Task AQueuedSend_IsRefusedWhenItsQueueTimeoutPasses_WhileTheSlotStaysTaken()
    {
        using var admission = Admission(slots: 1, queue: 10, queueTimeout: TimeSpan.FromMilliseconds(50));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = admission.RunAsync(() => release.Task);

        var refused = await Assert.ThrowsAsync<ChatException>(() => admission.RunAsync(() => Task.FromResult(2)));

        Assert.Equal(ChatErrorCode.Unavailable, refused.Code);
        Assert.False(running.IsCompleted, "only the queue timeout could have answered the queued send");
        Assert.Equal(0, admission.Statistics.CurrentQueuedCount);
        release.SetResult(1);
        Assert.Equal(1, await running);
    }

    [Fact]
    public async Task ASlotIsHeldUntilTheSendEnds_EvenWhenItFails()
    {
        using var admission = Admission(slots: 1, queue: 0, queueTimeout: TimeSpan.Zero);

        await Assert.ThrowsAsync<InvalidOperationException>(() => admission.RunAsync<int>(() => throw new InvalidOperationException("grain failed")));

        Assert.Equal(7, await admission.RunAsync(() => Task.FromResult(7)));
    }

    [Fact]
    public void AQueueTimeoutNotShorterThanTheDeadline_IsRefusedByValidation()
    {
        var options = new ChatApiOptions { RequestDeadline = TimeSpan.FromSeconds(2), SendQueueTimeout = TimeSpan.FromSeconds(2) };

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(ChatApiOptions.SendQueueTimeout)));
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task TheGauges_ReportFreeSlotsAndWaitingSends()
    {
        using var admission = Admission(slots: 2, queue: 1, queueTimeout: TimeSpan.FromSeconds(30));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new[] { admission.RunAsync(() => release.Task), admission.RunAsync(() => release.Task) };
        var queued = admission.RunAsync(() => Task.FromResult(3));

        var factory = _services.GetRequiredService<IMeterFactory>();
        var gauges = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this test's meter: other tests' silos publish the same instruments in this process.
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("chat.send.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => gauges[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(0, gauges["chat.send.slots.free"]);
        Assert.Equal(1, gauges["chat.send.queued"]);
        release.SetResult(1);
        await Task.WhenAll([.. running, queued]);
    }

    private SendAdmission Admission(int slots, int queue, TimeSpan queueTimeout) => new(
        Options.Create(new ChatApiOptions { MaxConcurrentSends = slots, MaxQueuedSends = queue, SendQueueTimeout = queueTimeout }),
        new ChatMetrics(_services.GetRequiredService<IMeterFactory>()),
        TimeProvider.System,
        NullLogger<SendAdmission>.Instance);
}
