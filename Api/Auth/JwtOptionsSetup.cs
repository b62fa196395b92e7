using Chat.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Chat.Api.Auth;

/// <summary>
/// Fills in a development signing key (kept in the data directory so tokens survive restarts) and refuses to
/// start without a proper key anywhere else.
/// </summary>
public sealed partial class JwtOptionsSetup(
    IHostEnvironment environment,
    IOptions<ChatStorageOptions> storage,
    ILogger<JwtOptionsSetup> logger) : IPostConfigureOptions<JwtOptions>, IValidateOptions<JwtOptions>
{
    public const int MinKeyLength = 32;
    public const string DevelopmentKeyFileName = "jwt-development.key";

    /// <summary>Random bytes in the development signing key (64 base64 characters).</summary>
    public const int DevelopmentKeyBytes = 48;

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey) || !environment.IsDevelopment())
        {
            return;
        }

        var path = Path.Combine(storage.Value.ResolveDataDirectory(environment.ContentRootPath), DevelopmentKeyFileName);
        options.SigningKey = DevelopmentKeyFile.ReadOrCreate(path, DevelopmentKeyBytes, out var created);
        if (created)
        {
            LogGeneratedKey(path);
        }
    }

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return ValidateOptionsResult.Fail(
                "Chat:Jwt:SigningKey is not set. Outside Development a signing key is required: set the Chat__Jwt__SigningKey environment variable (at least 32 characters, from a secret store).");
        }

        return options.SigningKey.Length < MinKeyLength
            ? ValidateOptionsResult.Fail($"Chat:Jwt:SigningKey must be at least {MinKeyLength} characters.")
            : ValidateOptionsResult.Success;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Chat:Jwt:SigningKey configured: generated a development key at {Path}")]
    private partial void LogGeneratedKey(string path);
}
