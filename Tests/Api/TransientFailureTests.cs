using Chat.Api.Infrastructure;
using Chat.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Api;

/// <summary>During a failover a call can meet a dead silo: callers are told to retry, not that the server broke.</summary>
public sealed class TransientFailureTests
{
    public static TheoryData<Exception> Transient() =>
    [
        new SiloUnavailableException("silo is gone"),
        new Orleans.Runtime.Messaging.ConnectionFailedException("connection lost"),
        new TimeoutException("no answer"),
        new InvalidOperationException("wrapper", new SiloUnavailableException("inner")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task TransientClusterFailures_Become503ProblemDetails(Exception error)
    {
        var (status, body) = await HandleAsync(error);

        Assert.True(TransientFailures.IsTransient(error));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Contains("Try again", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherFailures_StayInternalErrors_AndRefusalsKeepTheirStatus()
    {
        var (bug, _) = await HandleAsync(new InvalidOperationException("a bug"));
        var (forbidden, _) = await HandleAsync(ChatException.Forbidden("no"));

        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("a bug")));
        Assert.Equal(StatusCodes.Status500InternalServerError, bug);
        Assert.Equal(StatusCodes.Status403Forbidden, forbidden);
    }

    private static async Task<(int Status, string Body)> HandleAsync(Exception error)
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ChatExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ChatExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Accept = "application/json";
        using var body = new MemoryStream();
        context.Response.Body = body;

        Assert.True(await handler.TryHandleAsync(context, error, CancellationToken.None));
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
