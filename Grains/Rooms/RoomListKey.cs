using System.Buffers.Text;
using System.Text;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>
/// A room's place in a listing: the normalized term it is listed under (its name; its topic when a search matches
/// only the topic) and its id. Listings run in ascending key order; a cursor is the key of the last room shown.
/// </summary>
public readonly record struct RoomListKey(string Term, string RoomId) : IComparable<RoomListKey>
{
    private const int MaxCursorLength = 1024;

    /// <summary>The key of <paramref name="room"/> in a listing for <paramref name="search"/> (normalized, or null for all rooms).</summary>
    public static RoomListKey Of(RoomSummary room, string? search)
    {
        var name = RoomSearch.Normalize(room.Name)!;
        return search is null || RoomSearch.Matches(name, search)
            ? new RoomListKey(name, room.Id)
            : new RoomListKey(RoomSearch.Normalize(room.Topic) ?? "", room.Id);
    }

    /// <summary>Whether a room is listed for <paramref name="search"/>: its normalized name or topic starts with it.</summary>
    public static bool IsListed(RoomSummary room, string? search) =>
        search is null || RoomSearch.Matches(RoomSearch.Normalize(room.Name), search) || RoomSearch.Matches(RoomSearch.Normalize(room.Topic), search);

    /// <summary>The key as a store sort key: term, separator, id (ordered like the key itself).</summary>
    public string SortKey => Term + RoomSearch.KeySeparator + RoomId;

    /// <summary>The opaque cursor a client passes back for the next page.</summary>
    public string ToCursor() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(SortKey));

    /// <summary>Reads a cursor made by <see cref="ToCursor"/>; false for anything else.</summary>
    public static bool TryParseCursor(string? cursor, out RoomListKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }

        var separator = text.IndexOf(RoomSearch.KeySeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            return false;
        }

        key = new RoomListKey(text[..separator], text[(separator + 1)..]);
        return Chat.Grains.Abstractions.ChatLimits.IsValidRoomId(key.RoomId) && RoomSearch.Normalize(key.Term) == key.Term;
    }

    public int CompareTo(RoomListKey other)
    {
        var term = RoomSearch.CompareCodePoints(Term, other.Term);
        return term != 0 ? term : string.CompareOrdinal(RoomId, other.RoomId);
    }

    public static bool operator <(RoomListKey left, RoomListKey right) => left.CompareTo(right) < 0;

    public static bool operator >(RoomListKey left, RoomListKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(RoomListKey left, RoomListKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RoomListKey left, RoomListKey right) => left.CompareTo(right) >= 0;
}
