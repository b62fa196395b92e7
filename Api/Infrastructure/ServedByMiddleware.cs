namespace Chat.Api.Infrastructure;

/// <summary>Adds <c>X-Served-By: {instance}/{silo}</c> to every response, so a balancer's choice can be seen.</summary>
public sealed class ServedByMiddleware(RequestDelegate next, ServedBy servedBy)
{
    public const string Header = "X-Served-By";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(
            static state =>
            {
                var (response, value) = ((HttpResponse, string))state;
                response.Headers[Header] = value;
                return Task.CompletedTask;
            },
            (context.Response, servedBy.Value));
        return next(context);
    }
}
