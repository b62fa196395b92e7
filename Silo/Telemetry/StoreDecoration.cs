using Microsoft.Extensions.DependencyInjection;

namespace Chat.Silo.Telemetry;

/// <summary>
/// Replaces the last registration of a service (keyed or not) by a decorator built around the instance it made.
/// A registration that already is such a decoration is left as it is, so decorating twice wraps once.
/// </summary>
public sealed class StoreDecoration<T>
    where T : class
{
    private readonly ServiceDescriptor _inner;
    private readonly Func<IServiceProvider, T, T> _wrap;

    private StoreDecoration(ServiceDescriptor inner, Func<IServiceProvider, T, T> wrap)
    {
        _inner = inner;
        _wrap = wrap;
    }

    /// <summary>Decorates the last registration of <typeparamref name="T"/> under <paramref name="key"/> (null: not keyed); none registered, nothing done.</summary>
    public static void Apply(IServiceCollection services, object? key, Func<IServiceProvider, T, T> wrap)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(T) && Equals(d.ServiceKey, key));
        if (registered is null || IsDecoration(registered))
        {
            return;
        }

        var decoration = new StoreDecoration<T>(registered, wrap);
        services.Remove(registered);
        services.Add(registered.IsKeyedService
            ? new ServiceDescriptor(typeof(T), key, decoration.CreateKeyed, registered.Lifetime)
            : new ServiceDescriptor(typeof(T), decoration.Create, registered.Lifetime));
    }

    private static bool IsDecoration(ServiceDescriptor descriptor) =>
        (descriptor.IsKeyedService ? descriptor.KeyedImplementationFactory?.Target : descriptor.ImplementationFactory?.Target) is StoreDecoration<T>;

    private T Create(IServiceProvider services) => _wrap(services, (T)(
        _inner.ImplementationInstance
        ?? _inner.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, _inner.ImplementationType!)));

    private T CreateKeyed(IServiceProvider services, object? key) => _wrap(services, (T)(
        _inner.KeyedImplementationInstance
        ?? _inner.KeyedImplementationFactory?.Invoke(services, key)
        ?? ActivatorUtilities.CreateInstance(services, _inner.KeyedImplementationType!)));
}
