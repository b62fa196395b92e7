using System.Reflection;
using Chat.Api.Infrastructure;
using Chat.Grains.Rooms;
using Chat.Silo.Hosting;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Features;

/// <summary>Every options class is bound one way, validated the same way, and owns its configuration section.</summary>
[Collection(AppCollection.Name)]
public sealed class OptionsBindingTests(AppFixture app)
{
    private static readonly Assembly[] ChatAssemblies = [typeof(ChatApiOptions).Assembly, typeof(ChatClusterOptions).Assembly, typeof(RoomOptions).Assembly];

    private static IEnumerable<(Type Type, string Section)> OptionsClasses() =>
        ChatAssemblies.SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsClass && !type.IsAbstract && type.Name.EndsWith("Options", StringComparison.Ordinal))
            .Select(type => (Type: type, Field: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(options => options.Field is { IsLiteral: true })
            .Select(options => (options.Type, (string)options.Field!.GetRawConstantValue()!));

    [Fact]
    public void GetValidated_WithAValueBreakingItsRule_FailsNamingTheSectionAndTheMember()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:SiloPort"] = "0" }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => configuration.GetValidated<ChatClusterOptions>(ChatClusterOptions.Section));

        Assert.Contains("'Orleans'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ChatClusterOptions.SiloPort), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetValidated_WhereTheSectionIsSilent_GivesTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Chat:DataDirectory"] = "elsewhere" }).Build();

        var storage = configuration.GetValidated<ChatStorageOptions>(ChatStorageOptions.Section);

        Assert.Equal("elsewhere", storage.DataDirectory);
        Assert.Equal(ChatMode.Embedded, storage.Mode);
    }

    [Fact]
    public void NoTwoOptionsClasses_BindTheSameSection()
    {
        var classes = OptionsClasses().ToList();

        Assert.Contains(classes, options => options.Type == typeof(ChatStorageOptions));
        Assert.All(classes.GroupBy(options => options.Section, StringComparer.OrdinalIgnoreCase), section =>
            Assert.True(section.Count() == 1, $"'{section.Key}' is bound by {string.Join(", ", section.Select(options => options.Type.Name))}."));
    }

    [Fact]
    public void EveryOptionsClassTheFrontSiloRegisters_IsValidatedByItsDataAnnotations()
    {
        var services = app.Factory.Services;
        var registered = OptionsClasses()
            .Where(options => services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(options.Type)).Any())
            .ToList();

        Assert.Contains(registered, options => options.Type == typeof(ChatApiOptions));
        Assert.All(registered, options =>
        {
            var validators = services.GetServices(typeof(IValidateOptions<>).MakeGenericType(options.Type));
            Assert.True(
                validators.Any(validator => validator!.GetType() == typeof(DataAnnotationValidateOptions<>).MakeGenericType(options.Type)),
                $"{options.Type.Name} is not bound with ValidateDataAnnotations().");
        });
    }
}
