using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Chat.LoadTest.Client;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Running;

/// <summary>
/// A member making REST requests: a history page of its room (<c>history</c>) or a message posted to it
/// (<c>http-post</c>). Latency goes to the request (ack) histogram; a non-2xx answer counts as an error by status.
/// </summary>
public sealed class RestActor(int index, ChatRestClient rest, string token, string runId, string roomId, string text, bool post, MetricsSlot metrics) : ILoadActor
{
    private readonly string _historyPath = $"api/rooms/{roomId}/messages?limit=50";
    private readonly string _postPath = $"api/rooms/{roomId}/messages";
    private long _number;
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task RunOnceAsync()
    {
        Interlocked.Increment(ref _inFlight);
        var run = metrics.Current;
        var started = Stopwatch.GetTimestamp();
        run.RecordAttempt(started);
        try
        {
            var status = post
                ? await rest.SendAsync(HttpMethod.Post, _postPath, token, JsonContent.Create(new
                {
                    text,
                    clientMessageId = new ClientMessageId(runId, index, Interlocked.Increment(ref _number), started).ToString(),
                }), CancellationToken.None)
                : await rest.SendAsync(HttpMethod.Get, _historyPath, token, null, CancellationToken.None);
            if ((int)status is >= 200 and < 300)
            {
                run.RecordAck(started, Stopwatch.GetTimestamp(), 0);
            }
            else
            {
                run.RecordError(started, Stopwatch.GetTimestamp(), string.Create(CultureInfo.InvariantCulture, $"Http{(int)status}"));
            }
        }
        catch (Exception error)
        {
            run.RecordError(started, Stopwatch.GetTimestamp(), ErrorClassifier.Classify(error));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
