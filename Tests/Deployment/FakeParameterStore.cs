using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chat.Tests.Deployment;

/// <summary>
/// A stand-in for Parameter Store's <c>GetParametersByPath</c> (the JSON protocol the AWS SDK speaks) on 127.0.0.1 with
/// a random port: it pages its parameters <see cref="PageSize"/> at a time, and records each request's body.
/// </summary>
public sealed class FakeParameterStore : IAsyncDisposable
{
    public const int PageSize = 2;
    private readonly WebApplication _app;
    private readonly IReadOnlyList<(string Name, string Value)> _parameters;

    private FakeParameterStore(WebApplication app, IReadOnlyList<(string Name, string Value)> parameters)
    {
        _app = app;
        _parameters = parameters;
    }

    public required Uri Endpoint { get; init; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static async Task<FakeParameterStore> StartAsync(IReadOnlyList<(string Name, string Value)> parameters)
    {
        FakeParameterStore? fake = null;
        var (app, endpoint) = await LoopbackServer.StartAsync(context => fake!.HandleAsync(context));
        fake = new FakeParameterStore(app, parameters) { Endpoint = endpoint };
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers["X-Amz-Target"] != "AmazonSSM.GetParametersByPath")
        {
            context.Response.StatusCode = 400;
            return;
        }

        var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue(request);
        var path = request["Path"]!.GetValue<string>().TrimEnd('/') + "/";
        var start = request["NextToken"] is { } token ? int.Parse(token.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var matching = _parameters.Where(p => p.Name.StartsWith(path, StringComparison.Ordinal)).ToList();
        var page = matching.Skip(start).Take(PageSize).ToList();
        var response = new JsonObject
        {
            ["Parameters"] = new JsonArray(page.Select(p => (JsonNode)new JsonObject
            {
                ["Name"] = p.Name,
                ["Value"] = p.Value,
                ["Type"] = "SecureString",
                ["Version"] = 1,
            }).ToArray()),
        };
        if (start + PageSize < matching.Count)
        {
            response["NextToken"] = (start + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(response.ToJsonString(JsonSerializerOptions.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
