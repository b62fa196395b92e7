using Amazon.DynamoDBv2;
using Chat.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Chat.Silo.Storage.DynamoDb;

/// <summary>Registers the DynamoDB client, its options, the table initializer and the DynamoDB stores.</summary>
public static class DynamoDbServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DynamoDbOptions"/> (validated on start), one <see cref="IAmazonDynamoDB"/> and the
    /// <see cref="DynamoDbTableInitializer"/>. Safe to call more than once; every call may add configuration.
    /// </summary>
    public static IServiceCollection AddDynamoDb(this IServiceCollection services, Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        var options = services.AddOptions<DynamoDbOptions>();
        configure?.Invoke(options);
        if (services.Any(service => service.ServiceType == typeof(DynamoDbTableInitializer)))
        {
            return services;
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => DynamoDbClientFactory.Create(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value));
        services.AddSingleton<DynamoDbTableInitializer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DynamoDbTableInitializer>());
        return services;
    }

    /// <summary>Registers a DynamoDB grain storage under <paramref name="name"/> (a keyed <see cref="IGrainStorage"/>).</summary>
    public static IServiceCollection AddDynamoDbGrainStorage(
        this IServiceCollection services,
        string name,
        Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        services.AddDynamoDb(configure);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new DynamoDbGrainStorage(
            name,
            sp.GetRequiredService<IAmazonDynamoDB>(),
            sp.GetRequiredService<IOptions<DynamoDbOptions>>(),
            sp.GetRequiredService<IGrainStorageSerializer>()));
        return services;
    }

    /// <inheritdoc cref="AddDynamoDbGrainStorage(IServiceCollection, string, Action{OptionsBuilder{DynamoDbOptions}}?)"/>
    public static ISiloBuilder AddDynamoDbGrainStorage(
        this ISiloBuilder silo,
        string name,
        Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        silo.Services.AddDynamoDbGrainStorage(name, configure);
        return silo;
    }

    /// <summary>Registers <see cref="DynamoDbMessageLog"/> as the <see cref="IMessageLog"/>.</summary>
    public static IServiceCollection AddDynamoDbMessageLog(this IServiceCollection services, Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        services.AddDynamoDb(configure);
        services.AddSingleton<IMessageLog, DynamoDbMessageLog>();
        return services;
    }

    /// <summary>Registers <see cref="DynamoDbRoomDirectory"/> as the <see cref="IRoomDirectory"/>.</summary>
    public static IServiceCollection AddDynamoDbRoomDirectory(this IServiceCollection services, Action<OptionsBuilder<DynamoDbOptions>>? configure = null)
    {
        services.AddDynamoDb(configure);
        services.AddSingleton<IRoomDirectory, DynamoDbRoomDirectory>();
        return services;
    }
}
