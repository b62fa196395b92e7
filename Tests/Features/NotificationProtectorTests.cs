using System.Security.Cryptography;
using Chat.Grains.Abstractions.Users;
using Chat.Grains.Encryption;

namespace Chat.Tests.Features;

public sealed class NotificationProtectorTests
{
    private static readonly NotificationProtector Protector = new(new MessageCipher(new MessageKeyRing(
        new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(MessageKeyRing.KeySize) }, "k1")));

    private static readonly Notification Mention = new(7, "bob", Notification.Mention, "secret-room", 42, "alice", "@bob the code is 1234", DateTimeOffset.UnixEpoch, Read: false);

    [Fact]
    public void Protect_StoresCiphertextWithItsKeyId_AndUnprotectGivesTheExcerptBack()
    {
        var stored = Protector.Protect(Mention);

        Assert.DoesNotContain("1234", stored.Excerpt, StringComparison.Ordinal);
        Assert.Equal("k1", stored.EncryptionKeyId);
        Assert.Same(stored, Protector.Protect(stored));
        Assert.Equal(Mention, Protector.Unprotect(stored));
    }

    [Fact]
    public void Unprotect_OfAnExcerptMovedOntoAnotherUsersEntry_Fails()
    {
        var stored = Protector.Protect(Mention);

        var error = Assert.Throws<MessageDecryptionException>(() => Protector.Unprotect(stored with { UserName = "mallory" }));

        Assert.Equal(MessageDecryptionFailure.AuthenticationFailed, error.Reason);
    }
}
