using System.Reflection;

namespace Chat.Tests.Grains;

/// <summary>A grain handed out by <see cref="RecordingGrains"/>: it tells its factory of each call and returns the factory's answer.</summary>
public class RecordingGrain : DispatchProxy
{
    private RecordingGrains? _grains;
    private string _name = "";

    internal void Bind(RecordingGrains grains, string name) => (_grains, _name) = (grains, name);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _grains!.Receive($"{_name}.{targetMethod.Name}", targetMethod.ReturnType);
    }
}
