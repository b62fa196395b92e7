using System.Text;
using System.Text.Json;

namespace Chat.LoadTest.Client;

/// <summary>
/// Tokens of load users kept between runs in a JSON file, keyed by base URL and user name, so that a run does not
/// pay for hashing thousands of passwords again. A token that expires within <see cref="MinRemainingLifetime"/>
/// is not offered; one the server refuses (another signing key, a wiped store) is replaced by signing in again.
/// </summary>
public sealed class TokenCache
{
    public static readonly TimeSpan MinRemainingLifetime = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly Dictionary<string, string> _tokens;
    private readonly Lock _lock = new();
    private readonly string? _path;

    private TokenCache(string? path, Dictionary<string, string> tokens)
    {
        _path = path;
        _tokens = tokens;
    }

    /// <summary>The default file: <c>$XDG_CACHE_HOME/chat-loadtest/tokens.json</c> (or <c>~/.cache/...</c>).</summary>
    public static string DefaultPath
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            }

            return Path.Combine(cache, "chat-loadtest", "tokens.json");
        }
    }

    /// <summary>A cache that keeps nothing (<c>--token-cache none</c>).</summary>
    public static TokenCache None() => new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Reads the file; a missing or unreadable file gives an empty cache.</summary>
    public static TokenCache Load(string path)
    {
        try
        {
            var tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
            return new TokenCache(path, new Dictionary<string, string>(tokens ?? [], StringComparer.Ordinal));
        }
        catch (Exception error) when (error is IOException or JsonException or UnauthorizedAccessException)
        {
            return new TokenCache(path, new Dictionary<string, string>(StringComparer.Ordinal));
        }
    }

    public static string Key(Uri baseUrl, string userName) => $"{baseUrl}|{userName}";

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _tokens.Count;
            }
        }
    }

    /// <summary>The cached token, if there is one that stays valid for at least <see cref="MinRemainingLifetime"/> after <paramref name="now"/>.</summary>
    public string? Get(Uri baseUrl, string userName, DateTimeOffset now)
    {
        string? token;
        lock (_lock)
        {
            _tokens.TryGetValue(Key(baseUrl, userName), out token);
        }

        return token is not null && ExpiresAt(token) is { } expiry && expiry - now >= MinRemainingLifetime ? token : null;
    }

    public void Set(Uri baseUrl, string userName, string token)
    {
        lock (_lock)
        {
            _tokens[Key(baseUrl, userName)] = token;
        }
    }

    /// <summary>Writes the file (owner-only permissions: it holds bearer tokens of the load users).</summary>
    public void Save()
    {
        if (_path is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        string json;
        lock (_lock)
        {
            json = JsonSerializer.Serialize(_tokens, JsonOptions);
        }

        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, json);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    /// <summary>The <c>exp</c> claim of a JWT, read without checking its signature (the server checks that); null if unreadable.</summary>
    public static DateTimeOffset? ExpiresAt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
