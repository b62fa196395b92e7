namespace Chat.Api.Infrastructure;

/// <summary>Puts a REST send through <see cref="SendAdmission"/> (inside the <see cref="RequestDeadlineFilter"/>).</summary>
public sealed class SendAdmissionFilter(SendAdmission admission) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await admission.RunAsync(() => next(context).AsTask());
}
