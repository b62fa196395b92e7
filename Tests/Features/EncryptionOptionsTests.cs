using System.Security.Cryptography;
using Chat.Grains.Encryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Features;

public sealed class EncryptionOptionsTests
{
    private static readonly string ValidKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static EncryptionOptions Options(string? current, params (string Id, string Key)[] keys)
    {
        var options = new EncryptionOptions { CurrentKeyId = current };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return options;
    }

    [Fact]
    public void Validate_WithCurrentKeyPresent_Succeeds()
    {
        Assert.Empty(EncryptionOptionsValidator.Check(Options("k1", ("k1", ValidKey), ("k0", ValidKey))));
    }

    [Fact]
    public void Validate_WithoutKeys_FailsNamingEnvironmentVariable()
    {
        var result = new EncryptionOptionsValidator().Validate(null, Options(null));

        Assert.True(result.Failed);
        Assert.Contains("Chat__Encryption__Keys__", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithUnknownCurrentKeyId_Fails()
    {
        var failures = EncryptionOptionsValidator.Check(Options("k2", ("k1", ValidKey)));

        Assert.Contains(failures, f => f.Contains("CurrentKeyId is 'k2'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    [InlineData("")]
    public void Validate_WithKeyThatIsNot32Base64Bytes_Fails(string key)
    {
        var failures = EncryptionOptionsValidator.Check(Options("k1", ("k1", key)));

        Assert.Contains(failures, f => f.Contains("Chat:Encryption:Keys:k1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WithKeyIdContainingSeparator_Fails()
    {
        Assert.NotEmpty(EncryptionOptionsValidator.Check(Options("a:b", ("a:b", ValidKey))));
    }

    [Fact]
    public void FromOptions_WithInvalidOptions_ThrowsOptionsValidationException()
    {
        Assert.Throws<OptionsValidationException>(() => MessageKeyRing.FromOptions(Options("k1")));
    }

    [Fact]
    public void Options_BoundFromConfiguration_BuildWorkingKeyRing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Chat:Encryption:Keys:2025-01"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Chat:Encryption:Keys:2025-06"] = ValidKey,
                ["Chat:Encryption:CurrentKeyId"] = "2025-06",
            })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>()
            .AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.Section).Services
            .BuildServiceProvider();

        var ring = MessageKeyRing.FromOptions(services.GetRequiredService<IOptions<EncryptionOptions>>().Value);
        var encrypted = new MessageCipher(ring).EncryptMessage("room-1", 1, "bound");

        Assert.Equal("2025-06", ring.CurrentKeyId);
        Assert.Equal(2, ring.KeyIds.Count);
        Assert.Equal("2025-06", encrypted.KeyId);
    }

    [Fact]
    public void Options_WithoutConfiguration_FailValidationOnResolve()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>()
            .AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.Section).Services
            .BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EncryptionOptions>>().Value);
    }
}
