using Microsoft.Extensions.Options;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Answers a REST request that waits on the grains longer than <see cref="ChatApiOptions.RequestDeadline"/> with 503
/// (through <see cref="TransientFailures"/>), so an overloaded cluster refuses quickly instead of queueing requests.
/// The hub does the same in <see cref="Hubs.ChatHubErrorFilter"/>.
/// </summary>
public sealed class RequestDeadlineFilter(IOptions<ChatApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await next(context).AsTask().WaitAsync(options.Value.RequestDeadline, context.HttpContext.RequestAborted);
}
