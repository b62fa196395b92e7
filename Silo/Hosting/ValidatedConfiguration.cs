using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Chat.Silo.Hosting;

/// <summary>
/// Options are read through DI, bound with <c>AddOptions&lt;T&gt;().BindConfiguration(T.Section).ValidateDataAnnotations().ValidateOnStart()</c>.
/// The one exception is a value needed while services are still being chosen (embedded or DynamoDB, telemetry on or off,
/// which ports the silo uses): <see cref="GetValidated{T}"/> reads it, with the same binding and the same data-annotation
/// validation DI applies, and the class is registered in DI the standard way as well, so no value escapes validation.
/// </summary>
public static class ValidatedConfiguration
{
    /// <summary>
    /// Binds <paramref name="section"/> to a new <typeparamref name="T"/> (defaults where the section is silent) and
    /// validates it as <c>ValidateDataAnnotations()</c> would. Throws <see cref="OptionsValidationException"/> naming
    /// the section and every failure.
    /// </summary>
    public static T GetValidated<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var result = new DataAnnotationValidateOptions<T>(Options.DefaultName).Validate(Options.DefaultName, options);
        return result.Failed
            ? throw new OptionsValidationException(section, typeof(T), result.Failures.Select(failure => $"Configuration section '{section}': {failure}"))
            : options;
    }
}
