using Chat.Grains.Abstractions;
using Chat.Grains.Storage;
using Chat.Grains.Telemetry;
using Chat.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Storage;

namespace Chat.Silo.Telemetry;

/// <summary>OpenTelemetry metrics for a silo (front or back), configured from <see cref="ChatTelemetryOptions"/>.</summary>
public static class ChatTelemetryExtensions
{
    /// <summary>The meters collected: the chat's, Orleans' (every meter named Microsoft.Orleans*), SignalR connections' and Kestrel's.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        ChatMetrics.MeterName,
        "Microsoft.Orleans*",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>Registers <see cref="ChatMetrics"/> and, unless <c>Chat:Telemetry:Enabled</c> is false, the OpenTelemetry meter provider and its exporters.</summary>
    public static IHostApplicationBuilder AddChatTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatTelemetryOptions>().BindConfiguration(ChatTelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddChatMetrics();
        var options = builder.Configuration.GetValidated<ChatTelemetryOptions>(ChatTelemetryOptions.Section);
        if (!options.Enabled)
        {
            return builder;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]);
                metrics.AddAspNetCoreInstrumentation();
                metrics.AddHttpClientInstrumentation();
                metrics.AddRuntimeInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = new Uri(options.OtlpEndpoint);
                        exporter.Protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.OtlpExportIntervalMilliseconds;
                    });
                }
            });
        return builder;
    }

    /// <summary>The instruments alone (what grains and stores record into); in-process test clusters call this.</summary>
    public static IServiceCollection AddChatMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<ChatMetrics>();
        return services;
    }

    /// <summary>
    /// Wraps the registered stores (the <see cref="IMessageLog"/>, the <see cref="IRoomDirectory"/> and the chat's
    /// <see cref="IGrainStorage"/>) in decorators that count every request (<c>chat.store.requests</c>, by store and
    /// kind) and time the writes. The one place store requests are counted; call after the stores are registered.
    /// </summary>
    public static IServiceCollection AddStoreMetrics(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStoreMetrics(ChatStorageOptions.ModeFrom(configuration) == ChatMode.Cluster ? "dynamodb" : "sqlite");

    /// <inheritdoc cref="AddStoreMetrics(IServiceCollection, IConfiguration)"/>
    /// <param name="store">The <c>store</c> tag: <c>sqlite</c> or <c>dynamodb</c>.</param>
    public static IServiceCollection AddStoreMetrics(this IServiceCollection services, string store)
    {
        services.AddChatMetrics();
        StoreDecoration<IMessageLog>.Apply(services, null, (sp, inner) => new MeteredMessageLog(inner, sp.GetRequiredService<ChatMetrics>(), store));
        StoreDecoration<IRoomDirectory>.Apply(services, null, (sp, inner) => new MeteredRoomDirectory(inner, sp.GetRequiredService<ChatMetrics>(), store));
        StoreDecoration<IGrainStorage>.Apply(services, ChatNames.GrainStorage, (sp, inner) => new MeteredGrainStorage(inner, sp.GetRequiredService<ChatMetrics>(), store));
        return services;
    }
}
