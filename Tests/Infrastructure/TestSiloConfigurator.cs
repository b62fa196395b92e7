using Chat.Grains.Abstractions;
using Chat.Grains.Analysis;
using Chat.Grains.Storage;
using Chat.Grains.Delivery;
using Chat.Silo.Hosting;
using Chat.Silo.Storage.Sqlite;
using Chat.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Chat.Tests.Infrastructure;

/// <summary>Configures each test-cluster silo exactly as the hosts do, plus the test doubles at the edges.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddChatGrainServices(siloBuilder.Configuration, Path.GetTempPath());
        siloBuilder.Services.AddSingleton<IMessageLog>(sp => new FaultInjectingMessageLog(new SqliteMessageLog(sp.GetRequiredService<SqliteDatabase>())));
        siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(ChatNames.GrainStorage, (sp, _) => new FaultInjectingGrainStorage(new SqliteGrainStorage(
            ChatNames.GrainStorage,
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IGrainStorageSerializer>())));
        siloBuilder.Services.AddStoreMetrics("sqlite");
        siloBuilder.Services.AddSingleton<IChatEventSink, RecordingEventSink>();
        siloBuilder.Services.AddSingleton<TimeProvider, CountingTimeProvider>();
        siloBuilder.Services.AddSingleton<IMessageAnalyzer, GatedMessageAnalyzer>();
    }
}
