using BenchmarkDotNet.Attributes;
using Chat.Grains.Abstractions.Messages;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Benchmarks.Rooms;

/// <summary>
/// The room's post path inside one embedded silo: <see cref="IRoomGrain.PostAsync"/> returns once the message is in
/// the SQLite store (group commit), which is the acknowledgement. Measured one post at a time to one room, and as 100
/// rooms with one post each in flight at once (per post). Analysis (a one-way call to a stateless worker after the
/// write) is on or off by <c>Chat:Rooms:AnalyzeMessages</c>. The calls come from inside the silo, so they pay no
/// network hop or wire serialization (see <c>MessageSerializationBenchmarks</c>), and no front silo holds a connection.
/// </summary>
[MemoryDiagnoser]
public class PostPathBenchmarks
{
    public const int Rooms = 100;
    private const string Author = "bench-author";

    private EmbeddedSilo? _silo;
    private IRoomGrain _room = null!;
    private IRoomGrain[] _rooms = [];
    private readonly Task<ChatMessage>[] _posts = new Task<ChatMessage>[Rooms];
    private long _sent;

    [Params(true, false)]
    public bool Analyze { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _silo = await EmbeddedSilo.StartAsync(Analyze);
        await _silo.RegisterAsync(Author);
        _room = await _silo.CreateRoomAsync("bench-single", Author);
        _rooms = await Task.WhenAll(Enumerable.Range(0, Rooms).Select(i => _silo.CreateRoomAsync($"bench-r{i:D3}", Author)));
        var first = await _room.PostAsync(Author, SampleText.Of(0), null);
        if (first.Seq != 1 || first.Text.Length != SampleText.Length)
        {
            throw new InvalidOperationException("The first post did not come back as seq 1 with its text.");
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "PostAsync, one at a time, one room")]
    public Task<ChatMessage> OneRoom() => _room.PostAsync(Author, SampleText.Of(++_sent), SampleText.ClientMessageId());

    [Benchmark(OperationsPerInvoke = Rooms, Description = "PostAsync, 100 rooms at once (per post)")]
    public async Task HundredRooms()
    {
        for (var i = 0; i < Rooms; i++)
        {
            _posts[i] = _rooms[i].PostAsync(Author, SampleText.Of(++_sent), SampleText.ClientMessageId());
        }

        await Task.WhenAll(_posts);
    }
}
