namespace Chat.Tests.Storage;

/// <summary>Grain state used by the storage tests.</summary>
public sealed class TestState
{
    public int Count { get; set; }

    public string Text { get; set; } = "";
}
