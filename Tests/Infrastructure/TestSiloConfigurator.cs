using Chat.Grains.Analysis;
using Chat.Grains.Storage;
using Chat.Grains.Delivery;
using Chat.Silo.Hosting;
using Chat.Silo.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Chat.Tests.Infrastructure;

/// <summary>Configures each test-cluster silo exactly as the hosts do, plus the test doubles at the edges.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddChatGrainServices(siloBuilder.Configuration, Path.GetTempPath());
        siloBuilder.Services.AddSingleton<IMessageLog>(sp => new FaultInjectingMessageLog(new SqliteMessageLog(sp.GetRequiredService<SqliteDatabase>())));
        siloBuilder.Services.AddSingleton<IChatEventSink, RecordingEventSink>();
        siloBuilder.Services.AddSingleton<TimeProvider, CountingTimeProvider>();
        siloBuilder.Services.AddSingleton<IMessageAnalyzer, GatedMessageAnalyzer>();
    }
}
