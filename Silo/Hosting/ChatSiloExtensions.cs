using System.Net;
using Chat.Grains.Abstractions;
using Chat.Grains.Analysis;
using Chat.Grains.Encryption;
using Chat.Grains.Notifications;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Chat.Grains.Delivery;
using Chat.Grains.Users;
using Chat.Silo.Clustering.DynamoDb;
using Chat.Silo.Membership;
using Chat.Silo.Notifications;
using Chat.Silo.Placement;
using Chat.Silo.Storage;
using Chat.Silo.Storage.DynamoDb;
using Chat.Silo.Storage.Sqlite;
using Chat.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace Chat.Silo.Hosting;

/// <summary>
/// How to be a chat silo. Front silos (<c>Api</c>) and back silos (<c>Silo</c>) both call <see cref="AddChatSilo"/>,
/// so they cannot disagree on clustering, storage, streams or serialization.
/// </summary>
public static class ChatSiloExtensions
{
    /// <summary>Hosts an Orleans silo configured from <c>Orleans:*</c> and <c>Chat:*</c>.</summary>
    public static IHostApplicationBuilder AddChatSilo(this IHostApplicationBuilder builder)
    {
        builder.AddChatTelemetry();
        // Needed now: endpoints and ports are given to Orleans while it is being configured.
        var cluster = builder.Configuration.GetValidated<ChatClusterOptions>(ChatClusterOptions.Section);
        builder.Services.AddOptions<ChatClusterOptions>().BindConfiguration(ChatClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.UseOrleans(silo =>
        {
            if (ChatStorageOptions.ModeFrom(builder.Configuration) == ChatMode.Cluster)
            {
                UseDynamoDbCluster(silo, cluster);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
            }

            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(cluster.GrainIdleMinutes));
            silo.AddChatGrainServices(builder.Configuration, builder.Environment.ContentRootPath);
            silo.BindClusterMembership();
            silo.AddChatDashboard(builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Everything a chat silo needs besides clustering: grain storage, the message log, placement and options.
    /// In-process test clusters call this directly.
    /// </summary>
    public static ISiloBuilder AddChatGrainServices(this ISiloBuilder silo, IConfiguration configuration, string contentRoot)
    {
        // Needed now: the mode picks the stores, and the embedded store's file is named while it is registered.
        var storage = configuration.GetValidated<ChatStorageOptions>(ChatStorageOptions.Section);
        var dataDirectory = storage.ResolveDataDirectory(contentRoot);
        var services = silo.Services;
        services.AddOptions<ChatStorageOptions>().BindConfiguration(ChatStorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);

        // State is stored with the same version-tolerant serializer as the wire types ([GenerateSerializer], [Id]).
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UserOptions>().BindConfiguration(UserOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IChatEventSink, NoLocalConnectionsSink>();
        services.AddSingleton<ISiloLiveness, MembershipSiloLiveness>();
        services.AddSingleton<IMessageAnalyzer, LexiconMessageAnalyzer>();
        services.AddEmailNotifier(configuration);
        AddEncryption(services, dataDirectory);
        services.AddPlacementDirector<SiloBoundPlacement, SiloBoundPlacementDirector>();

        if (storage.Mode == ChatMode.Cluster)
        {
            services.AddDynamoDbMessageLog(options => options.BindConfiguration(DynamoDbOptions.Section));
            services.AddDynamoDbRoomDirectory();
            services.AddDynamoDbGrainStorage(ChatNames.GrainStorage);
        }
        else
        {
            services.AddSingleton(sp => new SqliteDatabase(Path.Combine(dataDirectory, "chat.db"), sp.GetRequiredService<ILogger<SqliteDatabase>>()));
            services.AddSingleton<IMessageLog, SqliteMessageLog>();
            services.AddSingleton<IRoomDirectory, SqliteRoomDirectory>();
            AddSqliteGrainStorage(services, ChatNames.GrainStorage);
        }

        services.AddStoreMetrics(configuration);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new LegacyRoomDirectoryImport(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredKeyedService<IGrainStorage>(ChatNames.GrainStorage),
            sp.GetRequiredService<IRoomDirectory>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LegacyRoomDirectoryImport>>()));

        return silo;
    }

    /// <summary>
    /// Keys for private rooms' messages. In Development a key is generated into the data directory when none is
    /// configured; anywhere else the silo refuses to start without one.
    /// </summary>
    private static void AddEncryption(IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<EncryptionOptions>()
            .BindConfiguration(EncryptionOptions.Section)
            .ValidateDataAnnotations()
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (environment.IsDevelopment())
                {
                    DevelopmentKeyStore.ApplyIfNoKeys(options, dataDirectory);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();
        services.AddSingleton(sp => MessageKeyRing.FromOptions(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value));
        services.AddSingleton<MessageCipher>();
        services.AddSingleton<MessageProtector>();
        services.AddSingleton<NotificationProtector>();
    }

    /// <summary>Cluster mode: membership in DynamoDB; listen on and advertise <c>Orleans:AdvertisedIPAddress</c>.</summary>
    private static void UseDynamoDbCluster(ISiloBuilder silo, ChatClusterOptions cluster)
    {
        if (!IPAddress.TryParse(cluster.AdvertisedIPAddress, out var address))
        {
            throw new OptionsValidationException(
                ChatClusterOptions.Section,
                typeof(ChatClusterOptions),
                [$"Orleans:AdvertisedIPAddress '{cluster.AdvertisedIPAddress}' is not an IP address."]);
        }

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseDynamoDbClustering(options => options.BindConfiguration(DynamoDbOptions.Section));
    }

    private static void AddSqliteGrainStorage(IServiceCollection services, string name) =>
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new SqliteGrainStorage(
            name,
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IGrainStorageSerializer>()));
}
