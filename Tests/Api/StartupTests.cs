using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Api;

/// <summary>Outside Development the service refuses to start without its secrets, and says which setting to give.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Chat:Jwt:SigningKey", "Chat:Jwt:SigningKey")]
    [InlineData("Chat:Encryption:CurrentKeyId", "Chat:Encryption")]
    public async Task Startup_WithoutASecret_IsRefusedWithTheSettingNamed(string missing, string named)
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { [missing] = null };
        if (missing.StartsWith("Chat:Encryption", StringComparison.Ordinal))
        {
            settings["Chat:Encryption:Keys:test-1"] = null;
        }

        await using var factory = new ChatAppFactory(data.Path, settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.BaseAddress);

        var validation = FindValidationError(error);
        Assert.NotNull(validation);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_InDevelopmentWithoutSecrets_GeneratesThemIntoTheDataDirectory()
    {
        using var data = new TempDirectory();
        await using var factory = new ChatAppFactory(data.Path, new Dictionary<string, string?>
        {
            ["Chat:Jwt:SigningKey"] = null,
            ["Chat:Encryption:Keys:test-1"] = null,
            ["Chat:Encryption:CurrentKeyId"] = null,
            ["environment"] = "Development",
        });

        using var user = await factory.NewClient().RegisterAsync();

        Assert.True(File.Exists(Path.Combine(data.Path, "jwt-development.key")));
        Assert.True(File.Exists(Path.Combine(data.Path, "encryption-development.key")));
        Assert.NotEmpty(user.Token);
    }

    private static OptionsValidationException? FindValidationError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is OptionsValidationException validation)
            {
                return validation;
            }

            if (error is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindValidationError).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }
}
