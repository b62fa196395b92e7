using BenchmarkDotNet.Attributes;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Messages;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Chat.Benchmarks.Serialization;

/// <summary>
/// What one posted message costs to put on the wire, with a 100-character text: the SignalR frame a front silo writes
/// to its connections (<c>MessageReceived</c>, serialized once per event for all receivers, as
/// <c>HubChatEventSink</c> does) and the Orleans serializer's round trip of the <see cref="MessagePosted"/> event a room
/// pushes to another silo. Both serializers are taken from the same registrations the silos make, not built by hand.
/// 15 warm-up iterations instead of the short job's 3: these calls take well under a microsecond, and the first
/// measured iterations otherwise still ran the code before the JIT's final tier (2 to 6 times slower).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(15)]
public class MessageSerializationBenchmarks
{
    public const int TextLength = 100;

    private ServiceProvider? _services;
    private IHubProtocol _hubProtocol = null!;
    private Serializer<MessagePosted> _serializer = null!;
    private ChatMessage _message = null!;
    private MessagePosted _posted = null!;
    private byte[] _postedBytes = [];

    [GlobalSetup]
    public void SetUp()
    {
        // The front silo calls AddSignalR() without AddJsonProtocol: its JSON protocol has the default payload
        // options (camelCase, web defaults). Resolving it from AddSignalR() gives exactly that protocol.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR();
        // The codecs Orleans generated for the wire types, as a silo registers them.
        services.AddSerializer(serializer => serializer.AddAssembly(typeof(MessagePosted).Assembly));
        _services = services.BuildServiceProvider();
        _hubProtocol = _services.GetServices<IHubProtocol>().Single(p => p.Name == "json");
        _serializer = _services.GetRequiredService<Serializer<MessagePosted>>();

        _message = SampleText.Message("bench-room", 4242, "alice");
        _posted = new MessagePosted(_message);
        _postedBytes = _serializer.SerializeToArray(_posted);
        if (_serializer.Deserialize(_postedBytes) != _posted || HubFrame().Length == 0)
        {
            throw new InvalidOperationException("The message did not survive the round trip.");
        }

        Console.WriteLine($"// Sizes: SignalR JSON frame {HubFrame().Length} bytes, Orleans MessagePosted {_postedBytes.Length} bytes");
    }

    [GlobalCleanup]
    public void CleanUp() => _services?.Dispose();

    /// <summary>The JSON frame of <c>MessageReceived(message)</c>, as written to every receiving connection.</summary>
    [Benchmark(Description = "SignalR JSON MessageReceived frame")]
    public ReadOnlyMemory<byte> HubFrame() =>
        new SerializedHubMessage(new InvocationMessage("MessageReceived", [_message])).GetSerializedMessage(_hubProtocol);

    [Benchmark(Description = "Orleans serialize MessagePosted")]
    public byte[] OrleansSerialize() => _serializer.SerializeToArray(_posted);

    [Benchmark(Description = "Orleans deserialize MessagePosted")]
    public MessagePosted? OrleansDeserialize() => _serializer.Deserialize(_postedBytes);

    [Benchmark(Description = "Orleans round trip MessagePosted")]
    public MessagePosted? OrleansRoundTrip() => _serializer.Deserialize(_serializer.SerializeToArray(_posted));
}
