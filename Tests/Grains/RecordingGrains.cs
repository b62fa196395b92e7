using System.Reflection;

namespace Chat.Tests.Grains;

/// <summary>
/// An <see cref="IGrainFactory"/> for unit tests of a grain's parts. Every grain it hands out records the calls made to
/// it, in order ("IUserGrain/ann.AddRoomAsync"), and answers at once: done, or true for a <c>Task&lt;bool&gt;</c>, or
/// the failure set with <see cref="Refuse"/>.
/// </summary>
public class RecordingGrains : DispatchProxy
{
    private readonly Dictionary<string, Exception> _refusals = [];
    private readonly Dictionary<string, bool> _answers = [];

    public List<string> Calls { get; } = [];

    public IGrainFactory Factory => (IGrainFactory)(object)this;

    public static RecordingGrains Create() => (RecordingGrains)(object)Create<IGrainFactory, RecordingGrains>();

    /// <summary>The call (e.g. "IUserGrain/ann.AddRoomAsync") fails with <paramref name="error"/> from now on.</summary>
    public void Refuse(string call, Exception error) => _refusals[call] = error;

    /// <summary>The call returns <paramref name="answer"/> (instead of true) from now on.</summary>
    public void Answer(string call, bool answer) => _answers[call] = answer;

    internal object Receive(string call, Type returnType)
    {
        Calls.Add(call);
        var refusal = _refusals.GetValueOrDefault(call);
        if (returnType == typeof(Task))
        {
            return refusal is null ? Task.CompletedTask : Task.FromException(refusal);
        }

        if (returnType == typeof(Task<bool>))
        {
            return refusal is null ? Task.FromResult(_answers.GetValueOrDefault(call, true)) : Task.FromException<bool>(refusal);
        }

        throw new NotSupportedException($"{call} returns {returnType.Name}: a recording grain answers only Task and Task<bool>.");
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args is [{ } key, ..])
        {
            var grainType = targetMethod.GetGenericArguments()[0];
            var grain = (RecordingGrain)Create(grainType, typeof(RecordingGrain));
            grain.Bind(this, $"{grainType.Name}/{key}");
            return grain;
        }

        throw new NotSupportedException($"A recording grain factory does not do {targetMethod?.Name}.");
    }
}
