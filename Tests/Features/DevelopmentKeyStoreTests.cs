using Chat.Grains.Encryption;
using Chat.Silo.Hosting;

namespace Chat.Tests.Features;

public sealed class DevelopmentKeyStoreTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void ApplyIfNoKeys_WithoutKeys_CreatesKeyFileAndMakesItCurrent()
    {
        var options = new EncryptionOptions();

        var path = DevelopmentKeyStore.ApplyIfNoKeys(options, _dataDirectory);

        Assert.Equal(Path.Combine(_dataDirectory, DevelopmentKeyStore.FileName), path);
        Assert.True(File.Exists(path));
        Assert.Equal(DevelopmentKeyStore.KeyId, options.CurrentKeyId);
        Assert.Empty(EncryptionOptionsValidator.Check(options));
        Assert.Equal(File.ReadAllText(path).Trim(), options.Keys[DevelopmentKeyStore.KeyId]);
    }

    [Fact]
    public void ApplyIfNoKeys_OnRestart_ReusesKeySoOldMessagesStillDecrypt()
    {
        var first = new EncryptionOptions();
        DevelopmentKeyStore.ApplyIfNoKeys(first, _dataDirectory);
        var encrypted = new MessageCipher(MessageKeyRing.FromOptions(first)).EncryptMessage("room-1", 1, "kept");

        var second = new EncryptionOptions();
        DevelopmentKeyStore.ApplyIfNoKeys(second, _dataDirectory);

        Assert.Equal(first.Keys[DevelopmentKeyStore.KeyId], second.Keys[DevelopmentKeyStore.KeyId]);
        Assert.Equal("kept", new MessageCipher(MessageKeyRing.FromOptions(second)).DecryptMessage("room-1", 1, encrypted));
    }

    [Fact]
    public void ApplyIfNoKeys_WithConfiguredKeys_ChangesNothing()
    {
        var options = new EncryptionOptions { CurrentKeyId = "prod" };
        options.Keys["prod"] = Convert.ToBase64String(new byte[32]);

        Assert.Null(DevelopmentKeyStore.ApplyIfNoKeys(options, _dataDirectory));
        Assert.Equal("prod", options.CurrentKeyId);
        Assert.Single(options.Keys);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, DevelopmentKeyStore.FileName)));
    }

    [Fact]
    public void ApplyIfNoKeys_WithCorruptFile_ThrowsClearError()
    {
        Directory.CreateDirectory(_dataDirectory);
        File.WriteAllText(Path.Combine(_dataDirectory, DevelopmentKeyStore.FileName), "garbage");

        var error = Assert.Throws<InvalidDataException>(() => DevelopmentKeyStore.ApplyIfNoKeys(new EncryptionOptions(), _dataDirectory));

        Assert.Contains(DevelopmentKeyStore.FileName, error.Message, StringComparison.Ordinal);
    }
}
