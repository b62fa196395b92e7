using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Chat.Silo.Aws;

namespace Chat.Tests.Deployment;

/// <summary>
/// The EC2 side of configuration against loopback fakes, never AWS: the instance metadata service read the IMDSv2 way,
/// and Parameter Store's path loaded page by page into configuration keys.
/// </summary>
public sealed class AwsConfigurationTests
{
    private static readonly Dictionary<string, string> Metadata = new()
    {
        ["instance-id"] = "i-0123456789abcdef0",
        ["local-ipv4"] = "10.40.129.17",
    };

    [Fact]
    public async Task InstanceMetadata_ReadWithASessionToken_NamesTheInstanceAndAdvertisesItsPrivateAddress()
    {
        await using var imds = await FakeInstanceMetadataService.StartAsync(Metadata);
        var provider = new InstanceMetadataConfigurationProvider(imds.Endpoint, TimeSpan.FromSeconds(5));

        provider.Load();

        Assert.True(provider.TryGet("Chat:Api:InstanceName", out var name));
        Assert.Equal("i-0123456789abcdef0", name);
        Assert.True(provider.TryGet("Chat:Aws:InstanceId", out var id));
        Assert.Equal("i-0123456789abcdef0", id);
        Assert.True(provider.TryGet("Orleans:AdvertisedIPAddress", out var address));
        Assert.Equal("10.40.129.17", address);
        Assert.Equal("PUT /latest/api/token 200", imds.Requests.First());
        Assert.DoesNotContain(imds.Requests, r => r.EndsWith(" 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstanceMetadata_ThatDoesNotAnswer_StopsTheStartWithAClearError()
    {
        await using var imds = await FakeInstanceMetadataService.StartAsync(new Dictionary<string, string>());
        var provider = new InstanceMetadataConfigurationProvider(imds.Endpoint, TimeSpan.FromSeconds(5));

        var error = Assert.Throws<InvalidOperationException>(provider.Load);

        Assert.Contains("Chat:Aws:UseInstanceMetadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterStore_LoadsEveryPageUnderThePath_AsConfigurationKeys_Decrypted()
    {
        await using var store = await FakeParameterStore.StartAsync(
        [
            ("/chat-test/Chat/Jwt/SigningKey", "signing-key-from-parameter-store-0123456789"),
            ("/chat-test/Chat/Encryption/Keys/k1", "a2V5"),
            ("/chat-test/Chat/Encryption/CurrentKeyId", "k1"),
            ("/chat-test/Chat/Dashboard/Password", "dashboard-password-1234"),
            ("/chat-test/Chat/Smtp/Host", "smtp.example.test"),
            ("/other/Chat/Jwt/SigningKey", "not-this-one"),
        ]);
        var provider = new ParameterStoreConfigurationProvider(
            () => new AmazonSimpleSystemsManagementClient(
                new BasicAWSCredentials("local", "local"),
                new AmazonSimpleSystemsManagementConfig { ServiceURL = store.Endpoint.ToString(), AuthenticationRegion = "eu-west-1" }),
            "/chat-test/");

        provider.Load();

        Assert.True(provider.TryGet("Chat:Jwt:SigningKey", out var signingKey));
        Assert.Equal("signing-key-from-parameter-store-0123456789", signingKey);
        Assert.True(provider.TryGet("Chat:Encryption:Keys:k1", out var key));
        Assert.Equal("a2V5", key);
        Assert.True(provider.TryGet("Chat:Smtp:Host", out _));
        Assert.Equal(5, provider.GetChildKeys([], null).Count());
        Assert.Equal(3, store.Requests.Count); // 5 parameters, 2 a page
        Assert.All(store.Requests, r =>
        {
            Assert.Equal("/chat-test", r["Path"]!.GetValue<string>());
            Assert.True(r["Recursive"]!.GetValue<bool>());
            Assert.True(r["WithDecryption"]!.GetValue<bool>());
        });
    }

    [Theory]
    [InlineData("Chat/Jwt/SigningKey", "Chat:Jwt:SigningKey")]
    [InlineData("Chat/Encryption/Keys/2026-01", "Chat:Encryption:Keys:2026-01")]
    public void ParameterNames_BelowThePath_AreConfigurationKeys(string name, string key) =>
        Assert.Equal(key, ParameterStoreConfigurationProvider.ToKey(name));
}
