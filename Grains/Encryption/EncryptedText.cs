namespace Chat.Grains.Encryption;

/// <summary>
/// A message text encrypted with AES-256-GCM: the id of the key, the 12-byte nonce and the ciphertext followed by
/// its 16-byte tag.
/// </summary>
/// <remarks>
/// Stored as one compact ASCII string, <c>v1:{keyId}:{base64(nonce ‖ ciphertext ‖ tag)}</c> (standard base64 with
/// padding), e.g. <c>v1:2025-06:q83v…==</c>. The key id is readable so that operators can see which keys are still
/// in use before removing one. The size is about 4/3 × (UTF-8 length + 28) + key id + 4 characters. Callers
/// store whether a text is encrypted (a private room, a key-id attribute) rather than guessing from the prefix.
/// </remarks>
public sealed class EncryptedText
{
    public const string FormatVersion = "v1";
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private const char Separator = ':';

    private readonly byte[] _nonce;
    private readonly byte[] _ciphertextAndTag;

    public EncryptedText(string keyId, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag)
    {
        if (!EncryptionOptionsValidator.IsValidKeyId(keyId))
        {
            throw new ArgumentException($"Key id '{keyId}' is not valid.", nameof(keyId));
        }

        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes.", nameof(nonce));
        }

        if (ciphertextAndTag.Length < TagSize)
        {
            throw new ArgumentException($"The ciphertext must end with a {TagSize}-byte tag.", nameof(ciphertextAndTag));
        }

        KeyId = keyId;
        _nonce = nonce.ToArray();
        _ciphertextAndTag = ciphertextAndTag.ToArray();
    }

    public string KeyId { get; }

    public ReadOnlyMemory<byte> Nonce => _nonce;

    /// <summary>The ciphertext (as long as the UTF-8 plaintext) followed by the tag.</summary>
    public ReadOnlyMemory<byte> CiphertextAndTag => _ciphertextAndTag;

    /// <summary>Reads the compact form; throws <see cref="MessageDecryptionException"/> (<see cref="MessageDecryptionFailure.Malformed"/>) when it is not one.</summary>
    public static EncryptedText Parse(string? value) =>
        TryParse(value, out var text)
            ? text
            : throw new MessageDecryptionException(MessageDecryptionFailure.Malformed, null, "The stored value is not an encrypted message text in the v1 format.");

    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EncryptedText? text)
    {
        text = null;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split(Separator);
        if (parts.Length != 3 || parts[0] != FormatVersion || !EncryptionOptionsValidator.IsValidKeyId(parts[1]))
        {
            return false;
        }

        var payload = new byte[(parts[2].Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(parts[2], payload, out var written) || written < NonceSize + TagSize)
        {
            return false;
        }

        text = new EncryptedText(parts[1], payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, written - NonceSize));
        return true;
    }

    public string ToCompactString()
    {
        var payload = new byte[_nonce.Length + _ciphertextAndTag.Length];
        _nonce.CopyTo(payload, 0);
        _ciphertextAndTag.CopyTo(payload, _nonce.Length);
        return string.Concat(FormatVersion, ":", KeyId, ":", Convert.ToBase64String(payload));
    }

    public override string ToString() => ToCompactString();
}
