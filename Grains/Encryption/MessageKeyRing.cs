using Microsoft.Extensions.Options;

namespace Chat.Grains.Encryption;

/// <summary>
/// The AES-256 keys by id and the id of the current one. New messages are encrypted with the current key; the id
/// travels with each ciphertext, so any key still in the ring decrypts what it wrote. Key ids compare
/// case-insensitively.
/// </summary>
public sealed class MessageKeyRing
{
    public const int KeySize = 32;

    private readonly Dictionary<string, byte[]> _keys;

    public MessageKeyRing(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(currentKeyId);
        _keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, key) in keys)
        {
            if (!EncryptionOptionsValidator.IsValidKeyId(id))
            {
                throw new ArgumentException($"Key id '{id}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'.", nameof(keys));
            }

            if (key is null || key.Length != KeySize)
            {
                throw new ArgumentException($"Key '{id}' must be exactly {KeySize} bytes.", nameof(keys));
            }

            if (!_keys.TryAdd(id, [.. key]))
            {
                throw new ArgumentException($"Key id '{id}' appears twice (key ids compare case-insensitively).", nameof(keys));
            }
        }

        if (!_keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"The current key id '{currentKeyId}' is not in the key ring.", nameof(currentKeyId));
        }

        CurrentKeyId = currentKeyId;
    }

    /// <summary>The id new messages are encrypted under.</summary>
    public string CurrentKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Builds the ring from bound options; throws <see cref="OptionsValidationException"/> when they are not usable.</summary>
    public static MessageKeyRing FromOptions(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = EncryptionOptionsValidator.Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EncryptionOptions), failures);
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, value) in options.Keys)
        {
            EncryptionOptionsValidator.TryDecodeKey(value, out var key);
            keys[id] = key;
        }

        return new MessageKeyRing(keys, options.CurrentKeyId!);
    }

    internal byte[] CurrentKey => _keys[CurrentKeyId];

    internal bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);
}
