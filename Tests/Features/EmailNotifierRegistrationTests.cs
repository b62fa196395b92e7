using Chat.Silo.Notifications;
using Chat.Grains.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Features;

public sealed class EmailNotifierRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddEmailNotifier(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void AddEmailNotifier_WithoutSmtpHost_UsesLogNotifier()
    {
        using var services = Build(new() { ["Chat:Smtp:From"] = "chat@example.test" });

        Assert.IsType<LogEmailNotifier>(services.GetRequiredService<IEmailNotifier>());
    }

    [Fact]
    public void AddEmailNotifier_WithSmtpHost_UsesSmtpNotifier()
    {
        using var services = Build(new() { ["Chat:Smtp:Host"] = "smtp.example.test", ["Chat:Smtp:From"] = "chat@example.test" });

        Assert.IsType<SmtpEmailNotifier>(services.GetRequiredService<IEmailNotifier>());
        Assert.Equal(587, services.GetRequiredService<IOptions<SmtpOptions>>().Value.Port);
    }

    [Fact]
    public void AddEmailNotifier_WithSmtpHostButNoSender_FailsValidation()
    {
        using var services = Build(new() { ["Chat:Smtp:Host"] = "smtp.example.test" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);

        Assert.Contains("Chat:Smtp:From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEmailNotifier_WithPortOutOfRange_FailsValidation()
    {
        using var services = Build(new() { ["Chat:Smtp:Host"] = "smtp.example.test", ["Chat:Smtp:From"] = "chat@example.test", ["Chat:Smtp:Port"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);
    }

    [Theory]
    [InlineData("smtp.example.test", true, "user", "pass", true)]
    [InlineData("smtp.example.test", false, "user", "pass", false)]
    [InlineData("127.0.0.1", false, "user", "pass", true)]
    [InlineData("localhost", false, "user", "pass", true)]
    [InlineData("smtp.example.test", true, "user", null, false)]
    [InlineData("smtp.example.test", true, null, "pass", false)]
    [InlineData("smtp.example.test", false, null, null, true)]
    public void Validate_Credentials_AreCompleteAndNeverSentInClearToRemoteHost(string host, bool startTls, string? user, string? password, bool valid)
    {
        var options = new SmtpOptions { Host = host, UseStartTls = startTls, UserName = user, Password = password, From = "chat@example.test" };

        Assert.Equal(valid, new SmtpOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("")]
    public void Validate_WithBadSender_Fails(string from)
    {
        var options = new SmtpOptions { Host = "smtp.example.test", From = from };

        Assert.True(new SmtpOptionsValidator().Validate(null, options).Failed);
    }
}
