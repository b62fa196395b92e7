using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Encryption;

/// <summary>
/// Turns a private room's message into its stored form (text encrypted under the current key, key id beside it)
/// and back. Members only ever see plain text; the store only ever sees ciphertext.
/// </summary>
public sealed class MessageProtector(MessageCipher cipher)
{
    public ChatMessage Protect(ChatMessage message)
    {
        if (message.Deleted || message.EncryptionKeyId is not null)
        {
            return message;
        }

        var encrypted = cipher.EncryptMessage(message.RoomId, message.Seq, message.Text);
        return message with { Text = encrypted.ToCompactString(), EncryptionKeyId = encrypted.KeyId };
    }

    public ChatMessage Unprotect(ChatMessage message) => message.EncryptionKeyId is null
        ? message
        : message with { Text = cipher.DecryptMessage(message.RoomId, message.Seq, message.Text), EncryptionKeyId = null };
}
