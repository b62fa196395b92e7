using System.Security.Cryptography;
using System.Text;
using Chat.Grains.Encryption;

namespace Chat.Tests.Features;

public sealed class MessageCipherTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(MessageKeyRing.KeySize);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(MessageKeyRing.KeySize);

    private static MessageCipher CipherWith(string currentKeyId, params (string Id, byte[] Key)[] keys) =>
        new(new MessageKeyRing(keys.ToDictionary(k => k.Id, k => k.Key), currentKeyId));

    [Theory]
    [InlineData("hello, private room")]
    [InlineData("")]
    [InlineData("¿qué tal? 👋 ünïcödé")]
    public void EncryptMessage_ThenDecryptMessage_ReturnsOriginalText(string text)
    {
        var cipher = CipherWith("a", ("a", KeyA));

        var encrypted = cipher.EncryptMessage("room-1", 42, text);

        Assert.Equal(text, cipher.DecryptMessage("room-1", 42, encrypted));
        Assert.Equal(text, cipher.DecryptMessage("room-1", 42, encrypted.ToCompactString()));
    }

    [Fact]
    public void EncryptMessage_DoesNotContainPlaintext()
    {
        var cipher = CipherWith("a", ("a", KeyA));
        const string text = "the secret plan is here";

        var encrypted = cipher.EncryptMessage("room-1", 1, text);

        Assert.Equal(Encoding.UTF8.GetByteCount(text) + EncryptedText.TagSize, encrypted.CiphertextAndTag.Length);
        Assert.DoesNotContain(text, Encoding.UTF8.GetString(encrypted.CiphertextAndTag.Span), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", encrypted.ToCompactString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptMessage_Twice_UsesFreshNonces()
    {
        var cipher = CipherWith("a", ("a", KeyA));

        var first = cipher.EncryptMessage("room-1", 1, "same text");
        var second = cipher.EncryptMessage("room-1", 1, "same text");

        Assert.False(first.Nonce.Span.SequenceEqual(second.Nonce.Span));
        Assert.NotEqual(first.ToCompactString(), second.ToCompactString());
    }

    [Fact]
    public void ToCompactString_HasVersionKeyIdAndBase64Payload_AndParsesBack()
    {
        var cipher = CipherWith("key-2025.06", ("key-2025.06", KeyA));
        var encrypted = cipher.EncryptMessage("room-1", 7, "hi");

        var compact = encrypted.ToCompactString();
        var parsed = EncryptedText.Parse(compact);

        Assert.StartsWith("v1:key-2025.06:", compact, StringComparison.Ordinal);
        Assert.Equal(EncryptedText.NonceSize + 2 + EncryptedText.TagSize, Convert.FromBase64String(compact.Split(':')[2]).Length);
        Assert.Equal("key-2025.06", parsed.KeyId);
        Assert.True(parsed.Nonce.Span.SequenceEqual(encrypted.Nonce.Span));
        Assert.True(parsed.CiphertextAndTag.Span.SequenceEqual(encrypted.CiphertextAndTag.Span));
    }

    [Fact]
    public void Rotation_NewWritesUseCurrentKey_AndOldKeyStillDecrypts()
    {
        var before = CipherWith("a", ("a", KeyA));
        var old = before.EncryptMessage("room-1", 1, "written under a");

        var after = CipherWith("b", ("a", KeyA), ("b", KeyB));
        var fresh = after.EncryptMessage("room-1", 2, "written under b");

        Assert.Equal("a", old.KeyId);
        Assert.Equal("b", fresh.KeyId);
        Assert.Equal("written under a", after.DecryptMessage("room-1", 1, old));
        Assert.Equal("written under b", after.DecryptMessage("room-1", 2, fresh));
        var onlyB = CipherWith("b", ("b", KeyB));
        Assert.Equal("written under b", onlyB.DecryptMessage("room-1", 2, fresh));
    }

    [Fact]
    public void Decrypt_WithRemovedKey_ThrowsUnknownKeyId()
    {
        var old = CipherWith("a", ("a", KeyA)).EncryptMessage("room-1", 1, "x");
        var onlyB = CipherWith("b", ("b", KeyB));

        var error = Assert.Throws<MessageDecryptionException>(() => onlyB.DecryptMessage("room-1", 1, old));

        Assert.Equal(MessageDecryptionFailure.UnknownKeyId, error.Reason);
        Assert.Equal("a", error.KeyId);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WithKeyIdOfDifferentCase_FindsKey()
    {
        var encrypted = CipherWith("Main", ("Main", KeyA)).EncryptMessage("room-1", 1, "x");

        Assert.Equal("x", CipherWith("main", ("main", KeyA)).DecryptMessage("room-1", 1, encrypted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Decrypt_WithFlippedCiphertextOrTagBit_ThrowsAuthenticationFailed(int index)
    {
        var cipher = CipherWith("a", ("a", KeyA));
        var encrypted = cipher.EncryptMessage("room-1", 1, "do not touch");
        var bytes = encrypted.CiphertextAndTag.ToArray();
        bytes[index < 0 ? bytes.Length + index : index] ^= 0x01;
        var tampered = new EncryptedText(encrypted.KeyId, encrypted.Nonce.Span, bytes);

        var error = Assert.Throws<MessageDecryptionException>(() => cipher.DecryptMessage("room-1", 1, tampered));

        Assert.Equal(MessageDecryptionFailure.AuthenticationFailed, error.Reason);
    }

    [Fact]
    public void Decrypt_WithChangedNonce_ThrowsAuthenticationFailed()
    {
        var cipher = CipherWith("a", ("a", KeyA));
        var encrypted = cipher.EncryptMessage("room-1", 1, "x");
        var nonce = encrypted.Nonce.ToArray();
        nonce[0] ^= 0x80;

        var error = Assert.Throws<MessageDecryptionException>(
            () => cipher.DecryptMessage("room-1", 1, new EncryptedText("a", nonce, encrypted.CiphertextAndTag.Span)));

        Assert.Equal(MessageDecryptionFailure.AuthenticationFailed, error.Reason);
    }

    [Fact]
    public void Decrypt_WithKeyIdRelabelled_ThrowsAuthenticationFailed()
    {
        var cipher = CipherWith("a", ("a", KeyA), ("b", KeyB));
        var encrypted = cipher.EncryptMessage("room-1", 1, "x");
        var relabelled = new EncryptedText("b", encrypted.Nonce.Span, encrypted.CiphertextAndTag.Span);

        var error = Assert.Throws<MessageDecryptionException>(() => cipher.DecryptMessage("room-1", 1, relabelled));

        Assert.Equal(MessageDecryptionFailure.AuthenticationFailed, error.Reason);
    }

    [Theory]
    [InlineData("room-1", 2)]
    [InlineData("room-2", 1)]
    [InlineData("room-11", 1)]
    public void DecryptMessage_OfAnotherMessage_IsRefused(string roomId, long seq)
    {
        var cipher = CipherWith("a", ("a", KeyA));
        var encrypted = cipher.EncryptMessage("room-1", 1, "belongs to room-1 #1");

        var error = Assert.Throws<MessageDecryptionException>(() => cipher.DecryptMessage(roomId, seq, encrypted));

        Assert.Equal(MessageDecryptionFailure.AuthenticationFailed, error.Reason);
    }

    [Fact]
    public void Decrypt_WithWrongAssociatedData_IsRefused()
    {
        var cipher = CipherWith("a", ("a", KeyA));
        var encrypted = cipher.Encrypt("x", "context-1"u8);

        Assert.Equal("x", cipher.Decrypt(encrypted, "context-1"u8));
        Assert.Throws<MessageDecryptionException>(() => cipher.Decrypt(encrypted, "context-2"u8));
        Assert.Throws<MessageDecryptionException>(() => cipher.Decrypt(encrypted, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void AssociatedData_DiffersForEveryRoomAndSeq()
    {
        Assert.NotEqual(MessageCipher.AssociatedData("room-1", 1), MessageCipher.AssociatedData("room-1", 2));
        Assert.NotEqual(MessageCipher.AssociatedData("room-1", 1), MessageCipher.AssociatedData("room-2", 1));
        Assert.Equal(MessageCipher.AssociatedData("room-1", 1), MessageCipher.AssociatedData("room-1", 1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("v2:a:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1:a:not base64!")]
    [InlineData("v1:a:AAAA")]
    [InlineData("v1:bad id:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1:a:b:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Parse_WithMalformedValue_ThrowsMalformed(string? value)
    {
        var error = Assert.Throws<MessageDecryptionException>(() => EncryptedText.Parse(value));

        Assert.Equal(MessageDecryptionFailure.Malformed, error.Reason);
        Assert.False(EncryptedText.TryParse(value, out _));
    }

    [Fact]
    public void KeyRing_WithCurrentKeyMissing_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MessageKeyRing(new Dictionary<string, byte[]> { ["a"] = KeyA }, "b"));

        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyRing_WithShortKey_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new MessageKeyRing(new Dictionary<string, byte[]> { ["a"] = new byte[16] }, "a"));
    }

    [Fact]
    public void KeyRing_CopiesKeys_SoLaterChangesToCallerArrayDoNotMatter()
    {
        var key = (byte[])KeyA.Clone();
        var cipher = new MessageCipher(new MessageKeyRing(new Dictionary<string, byte[]> { ["a"] = key }, "a"));
        var encrypted = cipher.EncryptMessage("room-1", 1, "x");

        Array.Clear(key);

        Assert.Equal("x", cipher.DecryptMessage("room-1", 1, encrypted));
    }
}
