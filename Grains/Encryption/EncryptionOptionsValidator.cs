using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Encryption;

/// <summary>Refuses to start with a missing, malformed or unknown current key, naming the setting to fix.</summary>
public sealed partial class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public const string KeyIdPattern = "^[A-Za-z0-9._-]{1,64}$";

    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem of the options, empty when they are usable.</summary>
    public static List<string> Check(EncryptionOptions options)
    {
        var failures = new List<string>();
        if (options.Keys.Count == 0)
        {
            failures.Add(
                "Chat:Encryption:Keys is empty. Set at least one key (e.g. the environment variable Chat__Encryption__Keys__<id> = a base64 32-byte key from a secret store) and Chat__Encryption__CurrentKeyId = <id>.");
        }

        foreach (var (id, value) in options.Keys)
        {
            if (!IsValidKeyId(id))
            {
                failures.Add($"Chat:Encryption:Keys has a key id '{id}' that is not valid: use 1 to 64 letters, digits, '.', '_' or '-'.");
            }

            if (!TryDecodeKey(value, out _))
            {
                failures.Add($"Chat:Encryption:Keys:{id} is not a base64 string of exactly {MessageKeyRing.KeySize} bytes.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
        {
            failures.Add("Chat:Encryption:CurrentKeyId is not set: name the key in Chat:Encryption:Keys that encrypts new messages.");
        }
        else if (options.Keys.Count > 0 && !options.Keys.Keys.Contains(options.CurrentKeyId, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Chat:Encryption:CurrentKeyId is '{options.CurrentKeyId}', but Chat:Encryption:Keys has no key with that id.");
        }

        return failures;
    }

    public static bool IsValidKeyId(string? keyId) => keyId is not null && KeyIdRegex().IsMatch(keyId);

    /// <summary>Whether <paramref name="base64"/> is a base64 key of <see cref="MessageKeyRing.KeySize"/> bytes (then in <paramref name="key"/>).</summary>
    public static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = new byte[MessageKeyRing.KeySize];
        var buffer = new byte[MessageKeyRing.KeySize + 3];
        if (base64 is null || !Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != MessageKeyRing.KeySize)
        {
            return false;
        }

        buffer.AsSpan(0, MessageKeyRing.KeySize).CopyTo(key);
        Array.Clear(buffer);
        return true;
    }

    [GeneratedRegex(KeyIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdRegex();
}
