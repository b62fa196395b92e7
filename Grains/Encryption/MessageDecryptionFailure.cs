namespace Chat.Grains.Encryption;

/// <summary>Why a stored ciphertext could not be decrypted.</summary>
public enum MessageDecryptionFailure
{
    /// <summary>The stored value is not an <see cref="EncryptedText"/> in a known format.</summary>
    Malformed,

    /// <summary>The key id stored with the ciphertext is not in the key ring (a key was removed too early, or is not configured here).</summary>
    UnknownKeyId,

    /// <summary>
    /// The authentication tag did not verify: the ciphertext, nonce or key id was altered, the key under that id
    /// changed, or the ciphertext belongs to another message (different room id or seq).
    /// </summary>
    AuthenticationFailed,
}
