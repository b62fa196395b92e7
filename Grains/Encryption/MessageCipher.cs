using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Chat.Grains.Encryption;

/// <summary>
/// Encrypts message texts at rest with AES-256-GCM under the key ring's current key, and decrypts them with the
/// key whose id is stored beside the ciphertext, so keys can rotate. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Every encryption draws a fresh random 96-bit nonce. Random nonces stay safe for about 2^32 encryptions per key
/// (NIST SP 800-38D), so rotate the current key long before that many messages.
/// </para>
/// <para>
/// For messages, <see cref="EncryptMessage"/> binds the ciphertext to its room id and seq as associated data:
/// a ciphertext copied onto another message (another room, another seq) fails to decrypt instead of showing
/// the wrong text.
/// </para>
/// </remarks>
public sealed class MessageCipher(MessageKeyRing keyRing)
{
    private static readonly byte[] MessageContext = "chat.message.v1"u8.ToArray();

    public EncryptedText Encrypt(string plaintext, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        Span<byte> nonce = stackalloc byte[EncryptedText.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var output = new byte[plainBytes.Length + EncryptedText.TagSize];
        using (var aes = new AesGcm(keyRing.CurrentKey, EncryptedText.TagSize))
        {
            aes.Encrypt(nonce, plainBytes, output.AsSpan(0, plainBytes.Length), output.AsSpan(plainBytes.Length), associatedData);
        }

        CryptographicOperations.ZeroMemory(plainBytes);
        return new EncryptedText(keyRing.CurrentKeyId, nonce, output);
    }

    /// <summary>Decrypts with the key named in <paramref name="encrypted"/>; throws <see cref="MessageDecryptionException"/> when it cannot.</summary>
    public string Decrypt(EncryptedText encrypted, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        if (!keyRing.TryGetKey(encrypted.KeyId, out var key))
        {
            throw new MessageDecryptionException(
                MessageDecryptionFailure.UnknownKeyId,
                encrypted.KeyId,
                $"The message was encrypted with key '{encrypted.KeyId}', which is not in the key ring (known: {string.Join(", ", keyRing.KeyIds)}). Configure it under Chat:Encryption:Keys.");
        }

        var sealedBytes = encrypted.CiphertextAndTag.Span;
        var cipherLength = sealedBytes.Length - EncryptedText.TagSize;
        var plainBytes = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, EncryptedText.TagSize);
            aes.Decrypt(encrypted.Nonce.Span, sealedBytes[..cipherLength], sealedBytes[cipherLength..], plainBytes, associatedData);
            return Encoding.UTF8.GetString(plainBytes);
        }
        catch (CryptographicException error)
        {
            throw new MessageDecryptionException(
                MessageDecryptionFailure.AuthenticationFailed,
                encrypted.KeyId,
                $"The ciphertext did not verify under key '{encrypted.KeyId}': it was altered, or it belongs to another message.",
                error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }

    /// <summary>Reads the compact form, then decrypts it.</summary>
    public string Decrypt(string encrypted, ReadOnlySpan<byte> associatedData) => Decrypt(EncryptedText.Parse(encrypted), associatedData);

    /// <summary>Encrypts a message's text, bound to its room and seq.</summary>
    public EncryptedText EncryptMessage(string roomId, long seq, string text) => Encrypt(text, AssociatedData(roomId, seq));

    /// <summary>Decrypts a message's text; fails unless it was encrypted for this room id and seq.</summary>
    public string DecryptMessage(string roomId, long seq, EncryptedText encrypted) => Decrypt(encrypted, AssociatedData(roomId, seq));

    /// <inheritdoc cref="DecryptMessage(string, long, EncryptedText)"/>
    public string DecryptMessage(string roomId, long seq, string encrypted) => Decrypt(EncryptedText.Parse(encrypted), AssociatedData(roomId, seq));

    /// <summary>
    /// The associated data of a message: <c>"chat.message.v1" 0x00 utf8(roomId) 0x00 seq(8 bytes, big-endian)</c>.
    /// Room ids never contain a NUL, and the seq has a fixed width, so two messages never share it.
    /// </summary>
    public static byte[] AssociatedData(string roomId, long seq)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        var roomBytes = Encoding.UTF8.GetBytes(roomId);
        var data = new byte[MessageContext.Length + 1 + roomBytes.Length + 1 + sizeof(long)];
        MessageContext.CopyTo(data, 0);
        roomBytes.CopyTo(data, MessageContext.Length + 1);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(data.Length - sizeof(long)), seq);
        return data;
    }
}
