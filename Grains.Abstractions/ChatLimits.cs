using System.Text.RegularExpressions;
using Chat.Grains.Abstractions.Errors;

namespace Chat.Grains.Abstractions;

/// <summary>
/// Patterns for names that cross the wire and the limits of what callers send, each named once here. The grain that
/// owns the data checks its limits (the REST endpoints and the hub pass its refusals on); a name that picks a grain
/// (a room id, a user name) is checked by the door before it calls one.
/// </summary>
public static partial class ChatLimits
{
    public const string UserNamePattern = "^[a-z0-9_.-]{3,32}$";
    public const string RoomIdPattern = "^[a-z0-9-]{1,64}$";

    /// <summary>Longest room id (as <see cref="RoomIdPattern"/> and <see cref="RoomIdRule"/> say).</summary>
    public const int MaxRoomIdLength = 64;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxRoomNameLength = 100;
    public const int MaxTopicLength = 500;
    public const int MaxDisplayNameLength = 64;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxEmailLength = 254;

    /// <summary>Notifications per page when the caller names no limit.</summary>
    public const int DefaultNotificationPageSize = 50;

    /// <summary>Most notifications in one page.</summary>
    public const int MaxNotificationPageSize = 200;

    /// <summary>What a caller is told when an e-mail address is not <see cref="IsValidEmailAddress"/>.</summary>
    public const string EmailRule = "An e-mail address is one bare address like name@example.com (at most 254 characters; no display name, no list).";

    /// <summary>What a caller is told when a room id does not match <see cref="RoomIdPattern"/>.</summary>
    public const string RoomIdRule = "A room id is 1 to 64 characters: lower-case letters, digits and '-'.";

    /// <summary>What a caller is told when a user name does not match <see cref="UserNamePattern"/>.</summary>
    public const string UserNameRule = "A user name is 3 to 32 characters: letters, digits, '_', '.' or '-'.";

    [GeneratedRegex(UserNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex UserNameRegex();

    [GeneratedRegex(RoomIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex RoomIdRegex();

    /// <summary>Refuses a page size outside 1..<paramref name="max"/>: the one check of every paged read's <c>limit</c>.</summary>
    public static void RequirePageLimit(int limit, int max)
    {
        if (limit < 1 || limit > max)
        {
            throw ChatException.Invalid("limit", $"limit must be between 1 and {max}.");
        }
    }

    /// <summary>Lower-cases a user name (names compare case-insensitively).</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    public static bool IsValidUserName(string? normalized) => normalized is not null && UserNameRegex().IsMatch(normalized);

    public static bool IsValidRoomId(string? roomId) => roomId is not null && RoomIdRegex().IsMatch(roomId);

    /// <summary>
    /// One bare address (<c>name@example.com</c>), nothing around it. <see cref="System.Net.Mail.MailAddress"/> alone
    /// is not enough: it reads <c>"a@b.com, c@d.com"</c> as the address <c>c@d.com</c> with a display name, so the
    /// parsed address must be the whole (trimmed) input.
    /// </summary>
    public static bool IsValidEmailAddress(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 0 and <= MaxEmailLength }
            && System.Net.Mail.MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.DisplayName.Length == 0
            && string.Equals(parsed.Address, trimmed, StringComparison.Ordinal);
    }

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
        return id.Length > MaxRoomIdLength ? id[..MaxRoomIdLength].TrimEnd('-') : id;
    }
}
