using System.Buffers.Binary;
using System.Text;
using Chat.Grains.Abstractions.Users;

namespace Chat.Grains.Encryption;

/// <summary>
/// The stored form of a private room's notification: its excerpt encrypted under the current key (AES-256-GCM, key id
/// beside it), bound to the recipient, the room and the seq, so it cannot be moved onto another entry. The inbox in
/// the store only ever holds ciphertext for private rooms; the user reads plain text.
/// </summary>
public sealed class NotificationProtector(MessageCipher cipher)
{
    private static readonly byte[] Context = "chat.notification.v1"u8.ToArray();

    public Notification Protect(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.EncryptionKeyId is not null)
        {
            return notification;
        }

        var encrypted = cipher.Encrypt(notification.Excerpt, AssociatedData(notification));
        return notification with { Excerpt = encrypted.ToCompactString(), EncryptionKeyId = encrypted.KeyId };
    }

    /// <summary>The readable form; throws <see cref="MessageDecryptionException"/> when the excerpt cannot be decrypted.</summary>
    public Notification Unprotect(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.EncryptionKeyId is null
            ? notification
            : notification with { Excerpt = cipher.Decrypt(notification.Excerpt, AssociatedData(notification)), EncryptionKeyId = null };
    }

    /// <summary><c>"chat.notification.v1" 0x00 utf8(user) 0x00 utf8(room) 0x00 seq(8 bytes, big-endian)</c>; names never contain a NUL.</summary>
    private static byte[] AssociatedData(Notification notification)
    {
        var user = Encoding.UTF8.GetBytes(notification.UserName);
        var room = Encoding.UTF8.GetBytes(notification.RoomId);
        var data = new byte[Context.Length + 1 + user.Length + 1 + room.Length + 1 + sizeof(long)];
        Context.CopyTo(data, 0);
        user.CopyTo(data, Context.Length + 1);
        room.CopyTo(data, Context.Length + 1 + user.Length + 1);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(data.Length - sizeof(long)), notification.Seq);
        return data;
    }
}
