using System.Diagnostics.Metrics;

namespace Chat.Grains.Telemetry;

/// <summary>
/// The chat's own instruments, on the <see cref="MeterName"/> meter (System.Diagnostics.Metrics only: the hosts decide
/// how to export them). One singleton per silo; each method is cheap enough for the hot path (a counter add or a
/// histogram record, nothing when no listener is attached). Durations are in seconds, as OpenTelemetry's conventions ask.
/// </summary>
public sealed class ChatMetrics : IDisposable
{
    public const string MeterName = "Chat";

    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly long[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    private readonly Meter _meter;
    private readonly Counter<long> _posted;
    private readonly Counter<long> _delivered;
    private readonly UpDownCounter<long> _connections;
    private readonly Histogram<double> _ackLatency;
    private readonly Histogram<double> _deliveryLag;
    private readonly Histogram<double> _storeWrite;
    private readonly Histogram<long> _commitBatch;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _storeRequests;
    private readonly Histogram<long> _storeTransaction;
    private readonly Histogram<double> _sendAdmissionWait;

    public ChatMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _posted = _meter.CreateCounter<long>("chat.messages.posted", "{message}", "Messages accepted and stored by room grains.");
        _delivered = _meter.CreateCounter<long>("chat.deliveries", "{delivery}", "Messages handed to local connections by this front silo (one per receiving connection).");
        _connections = _meter.CreateUpDownCounter<long>("chat.connections", "{connection}", "Hub connections open on this front silo.");
        _ackLatency = _meter.CreateHistogram("chat.ack.duration", "s", "From a send reaching the room grain to its acknowledgement (stored).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _deliveryLag = _meter.CreateHistogram("chat.delivery.lag", "s", "From a message's server timestamp to this front silo forwarding it to its connections.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _storeWrite = _meter.CreateHistogram("chat.store.write.duration", "s", "One write to the message log or grain storage.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _commitBatch = _meter.CreateHistogram("chat.commit.batch.size", "{message}", "Messages written together by one group commit of a room.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBuckets });
        _commitDuration = _meter.CreateHistogram("chat.commit.duration", "s", "One group commit of a room, its store write included.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _storeTransaction = _meter.CreateHistogram("chat.store.transaction.appends", "{append}", "Rooms' appends written together in one write of the message log (DynamoDB: a conditional put for a lone message, else a transaction); chat.store.requests counts each append.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBuckets });
        _storeRequests = _meter.CreateCounter<long>("chat.store.requests", "{request}", "Requests to the store (message log, grain state, room directory), by store and kind.");
        _sendAdmissionWait = _meter.CreateHistogram("chat.send.admission.wait", "s", "From a send reaching this front silo's admission limit to being let through or refused (outcome).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    /// <summary>Messages accepted (stored and acknowledged) by a room.</summary>
    public void RecordPosted(int count = 1) => _posted.Add(count);

    /// <summary>Deliveries made by this front silo: <paramref name="count"/> receiving connections.</summary>
    public void RecordDelivered(long count) => _delivered.Add(count);

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    /// <summary>A send's time from reaching the room grain to its acknowledgement.</summary>
    public void RecordAckLatency(TimeSpan elapsed) => _ackLatency.Record(elapsed.TotalSeconds);

    /// <summary>How long after its server timestamp a message reached this front silo's connections.</summary>
    public void RecordDeliveryLag(TimeSpan lag) => _deliveryLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>One store write; <paramref name="store"/> is <c>sqlite</c> or <c>dynamodb</c>, <paramref name="operation"/> what was written.</summary>
    public void RecordStoreWrite(string store, string operation, TimeSpan elapsed) =>
        _storeWrite.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("operation", operation));

    /// <summary>
    /// One request to a store: <paramref name="store"/> is <c>sqlite</c> or <c>dynamodb</c>, <paramref name="kind"/> one of
    /// <see cref="StoreRequestKinds"/>. Counted once, by the decorators the silo puts around every store.
    /// </summary>
    public void RecordStoreRequest(string store, string kind) =>
        _storeRequests.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("kind", kind));

    /// <summary>How long a send waited at this front silo's admission limit, and whether it was let through.</summary>
    public void RecordSendAdmission(TimeSpan waited, bool admitted) =>
        _sendAdmissionWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("outcome", admitted ? "admitted" : "refused"));

    /// <summary>Reports this front silo's free send slots, the sends waiting for one and its latency-driven send limit, read when metrics are collected.</summary>
    public void ObserveSendAdmission(Func<long> freeSlots, Func<long> waiting, Func<long> limit)
    {
        _meter.CreateObservableGauge("chat.send.limit", limit, "{send}", "Sends this front silo lets in at once now (running and waiting), lowered while sends are slow.");
        _meter.CreateObservableGauge("chat.send.slots.free", freeSlots, "{send}", "Sends this front silo would still let through to the grains at once.");
        _meter.CreateObservableGauge("chat.send.queued", waiting, "{send}", "Sends waiting at this front silo's admission limit for a slot.");
    }

    /// <summary>One write of message appends (a put or a transaction): how many rooms' appends it carried.</summary>
    public void RecordStoreTransaction(int appends) => _storeTransaction.Record(appends);

    /// <summary>One group commit: how many messages it wrote and how long it took.</summary>
    public void RecordCommitBatch(int size, TimeSpan elapsed)
    {
        _commitBatch.Record(size);
        _commitDuration.Record(elapsed.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
