using System.Text.RegularExpressions;

namespace Chat.Grains.Abstractions;

/// <summary>Patterns for names that cross the wire; checked by the API and again by the grains.</summary>
public static partial class ChatLimits
{
    public const string UserNamePattern = "^[a-z0-9_.-]{3,32}$";
    public const string RoomIdPattern = "^[a-z0-9-]{1,64}$";
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxRoomNameLength = 100;
    public const int MaxTopicLength = 500;
    public const int MaxDisplayNameLength = 64;
    public const int MaxClientMessageIdLength = 64;

    /// <summary>What a caller is told when a room id does not match <see cref="RoomIdPattern"/>.</summary>
    public const string RoomIdRule = "A room id is 1 to 64 characters: lower-case letters, digits and '-'.";

    /// <summary>What a caller is told when a user name does not match <see cref="UserNamePattern"/>.</summary>
    public const string UserNameRule = "A user name is 3 to 32 characters: letters, digits, '_', '.' or '-'.";

    [GeneratedRegex(UserNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex UserNameRegex();

    [GeneratedRegex(RoomIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex RoomIdRegex();

    /// <summary>Lower-cases a user name (names compare case-insensitively).</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    public static bool IsValidUserName(string? normalized) => normalized is not null && UserNameRegex().IsMatch(normalized);

    public static bool IsValidRoomId(string? roomId) => roomId is not null && RoomIdRegex().IsMatch(roomId);

    /// <summary>Derives a room id from a display name: lower-case letters and digits, runs of anything else become one dash.</summary>
    public static string RoomIdFromName(string name)
    {
        var chars = new System.Text.StringBuilder(name.Length);
        var dash = false;
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                chars.Append(c);
                dash = false;
            }
            else if (!dash && chars.Length > 0)
            {
                chars.Append('-');
                dash = true;
            }
        }

        var id = chars.ToString().TrimEnd('-');
        return id.Length > 64 ? id[..64].TrimEnd('-') : id;
    }
}
