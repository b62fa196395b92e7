namespace Chat.Grains.Encryption;

/// <summary>A stored message could not be decrypted; <see cref="Reason"/> says why. Never carries plaintext or key material.</summary>
public sealed class MessageDecryptionException : Exception
{
    public MessageDecryptionException()
    {
    }

    public MessageDecryptionException(string message)
        : base(message)
    {
    }

    public MessageDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MessageDecryptionException(MessageDecryptionFailure reason, string? keyId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        KeyId = keyId;
    }

    public MessageDecryptionFailure Reason { get; }

    /// <summary>The key id stored with the ciphertext, when it could be read.</summary>
    public string? KeyId { get; }
}
