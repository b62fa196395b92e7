using Chat.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Turns refusals from the grains and malformed requests into RFC 7807 problem details; a refusal that names its field
/// (<see cref="ChatException.Field"/>) becomes a validation problem with that field's error, as the handlers' own would be.
/// </summary>
public sealed partial class ChatExceptionHandler(IProblemDetailsService problems, ILogger<ChatExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            ChatException chat => (StatusFor(chat.Code), TitleFor(chat.Code), chat.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ when TransientFailures.IsTransient(exception) => (StatusCodes.Status503ServiceUnavailable, "Try again", TransientFailures.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to handle the request. It was logged; try again."),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable && exception is not ChatException)
        {
            LogTransient(exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = TransientFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = exception is ChatException { Field: { } field }
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] }) { Status = status, Title = title, Detail = detail }
                : new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static int StatusFor(ChatErrorCode code) => code switch
    {
        ChatErrorCode.NotFound => StatusCodes.Status404NotFound,
        ChatErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ChatErrorCode.Conflict => StatusCodes.Status409Conflict,
        ChatErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleFor(ChatErrorCode code) => code switch
    {
        ChatErrorCode.NotFound => "Not found",
        ChatErrorCode.Forbidden => "Forbidden",
        ChatErrorCode.Conflict => "Conflict",
        ChatErrorCode.RateLimited => "Too many requests",
        ChatErrorCode.Unavailable => "Try again",
        _ => "Invalid request",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error} on {Method} {Path}: answered 503, the client retries")]
    private partial void LogTransient(string error, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private partial void LogUnexpected(Exception error, string method, string path);
}
