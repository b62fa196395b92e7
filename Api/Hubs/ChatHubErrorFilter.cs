using Chat.Grains.Abstractions.Errors;
using Chat.Api.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Api.Hubs;

/// <summary>
/// Refusals reach the caller as a hub error <c>"{Code}: {message}"</c> (for example <c>"Forbidden: ..."</c>) and are
/// logged at Debug without a stack trace: they are the client's mistake. A call that waits longer than
/// <see cref="ChatApiOptions.RequestDeadline"/> is answered <c>Unavailable</c>. Anything else is logged as an error.
/// SignalR's own dispatcher would log every refusal at Error with a stack trace, so its category is kept quiet
/// (<see cref="DispatcherCategory"/>, set in code, not only in the settings file).
/// </summary>
public sealed partial class ChatHubErrorFilter(IOptions<ChatApiOptions> options, ILogger<ChatHubErrorFilter> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext).AsTask().WaitAsync(options.Value.RequestDeadline);
        }
        catch (ChatException error)
        {
            LogRefused(invocationContext.HubMethodName, error.Code);
            throw new HubException($"{error.Code}: {error.Message}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception error) when (Infrastructure.TransientFailures.IsTransient(error))
        {
            LogTransient(error.GetType().Name, invocationContext.HubMethodName);
            throw new HubException($"{ChatErrorCode.Unavailable}: {Infrastructure.TransientFailures.Message}");
        }
        catch (Exception error)
        {
            LogHubError(error, invocationContext.HubMethodName);
            throw new HubException("Error: the server failed to handle the call. Try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub method {Method} refused: {Code}")]
    private partial void LogRefused(string method, ChatErrorCode code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error} in hub method {Method}: answered Unavailable, the client retries")]
    private partial void LogTransient(string error, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogHubError(Exception error, string method);
}
