using Chat.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Notifications;

/// <summary>Registers the <see cref="IEmailNotifier"/> that configuration asks for.</summary>
public static class EmailNotifierExtensions
{
    /// <summary>
    /// SMTP (<see cref="SmtpEmailNotifier"/>, options validated at start) when <c>Chat:Smtp:Host</c> is set;
    /// otherwise <see cref="LogEmailNotifier"/>, which only logs.
    /// </summary>
    public static IServiceCollection AddEmailNotifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.Section}:{nameof(SmtpOptions.Host)}"]))
        {
            services.AddSingleton<IEmailNotifier, LogEmailNotifier>();
            return services;
        }

        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IEmailNotifier, SmtpEmailNotifier>();
        return services;
    }
}
