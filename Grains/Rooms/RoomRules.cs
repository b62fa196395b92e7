using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Messages;

namespace Chat.Grains.Rooms;

/// <summary>The rules a room applies to what callers send it: names, topics, message text, client ids, history pages.</summary>
internal static class RoomRules
{
    public static string Name(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > ChatLimits.MaxRoomNameLength
            ? throw ChatException.Invalid($"A room name must be 1 to {ChatLimits.MaxRoomNameLength} characters.")
            : name.Trim();

    /// <summary>The topic as stored: trimmed, or null when blank.</summary>
    public static string? Topic(string? topic)
    {
        if (topic is not null && topic.Trim().Length > ChatLimits.MaxTopicLength)
        {
            throw ChatException.Invalid($"A topic must be at most {ChatLimits.MaxTopicLength} characters.");
        }

        return string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
    }

    /// <summary>Message text as stored: trimmed, not empty, at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? text, int maxLength)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw ChatException.Invalid("Message text must not be empty.");
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw ChatException.Invalid($"Message text must be at most {maxLength} characters.");
    }

    public static void ClientMessageId(string? clientMessageId)
    {
        if (clientMessageId is { Length: 0 or > ChatLimits.MaxClientMessageIdLength })
        {
            throw ChatException.Invalid($"A client message id must be 1 to {ChatLimits.MaxClientMessageIdLength} characters.");
        }
    }

    public static void HistoryQuery(MessageQuery query)
    {
        ChatLimits.RequirePageLimit(query.Limit, MessageQuery.MaxLimit);
        if (query.After is < 0 || query.Before is < 1)
        {
            throw ChatException.Invalid(query.After is < 0 ? "after" : "before", "after must be 0 or more and before 1 or more.");
        }
    }

    /// <summary>Now at millisecond precision: what the stores keep, so a message reads back exactly as it was acknowledged.</summary>
    public static DateTimeOffset MessageTime(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
