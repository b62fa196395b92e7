using Orleans.Storage;

namespace Chat.Tests.Storage;

/// <summary>A plain System.Text.Json serializer, so storage tests need no Orleans host.</summary>
public sealed class JsonTestGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>()!;
}
