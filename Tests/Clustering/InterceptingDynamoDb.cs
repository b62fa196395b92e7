using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;

namespace Chat.Tests.Clustering;

/// <summary>
/// A DynamoDB client that forwards every call to a real one, and lets a test run a hook before a named call: to write
/// something in between (a concurrent writer) or to throw what DynamoDB throws under contention. Counts the calls.
/// </summary>
public class InterceptingDynamoDb : DispatchProxy
{
    private static readonly MethodInfo ChainMethod = typeof(InterceptingDynamoDb).GetMethod(nameof(ChainAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<string, Func<int, Task>> _hooks = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private IAmazonDynamoDB _inner = null!;

    /// <summary>The real client underneath, for writes the hooks make.</summary>
    public IAmazonDynamoDB Inner => _inner;

    public static (IAmazonDynamoDB Client, InterceptingDynamoDb Control) Wrap(IAmazonDynamoDB inner)
    {
        var client = Create<IAmazonDynamoDB, InterceptingDynamoDb>();
        var control = (InterceptingDynamoDb)(object)client;
        control._inner = inner;
        return (client, control);
    }

    /// <summary>Runs <paramref name="hook"/> (given the call's 1-based number) before every call of the named async method.</summary>
    public void Before(string method, Func<int, Task> hook) => _hooks[method] = hook;

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var number = _calls.AddOrUpdate(targetMethod.Name, 1, (_, count) => count + 1);
        if (!_hooks.TryGetValue(targetMethod.Name, out var hook)
            || !targetMethod.ReturnType.IsGenericType
            || targetMethod.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
        {
            return Forward(targetMethod, args);
        }

        Func<object?> forward = () => Forward(targetMethod, args);
        return ChainMethod.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [hook, number, forward]);
    }

    private object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error.InnerException);
            throw;
        }
    }

    private static async Task<T> ChainAsync<T>(Func<int, Task> hook, int number, Func<object?> forward)
    {
        await hook(number);
        return await (Task<T>)forward()!;
    }
}
