namespace Chat.Grains.Abstractions.Errors;

/// <summary>A request the chat refused, with a message meant for the caller.</summary>
[GenerateSerializer, Alias("chat.error")]
public sealed class ChatException : Exception
{
    public ChatException()
    {
    }

    public ChatException(string message)
        : base(message)
    {
    }

    public ChatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChatException(ChatErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    [Id(0)]
    public ChatErrorCode Code { get; private set; }

    /// <summary>For <see cref="ChatErrorCode.Invalid"/>: the request field at fault (<c>limit</c>, <c>cursor</c>...), when one is.</summary>
    [Id(1)]
    public string? Field { get; private set; }

    public static ChatException NotFound(string message) => new(ChatErrorCode.NotFound, message);

    public static ChatException Forbidden(string message) => new(ChatErrorCode.Forbidden, message);

    public static ChatException Conflict(string message) => new(ChatErrorCode.Conflict, message);

    public static ChatException Invalid(string message) => new(ChatErrorCode.Invalid, message);

    /// <summary>A refusal of one request field: REST answers it as a validation problem naming <paramref name="field"/>.</summary>
    public static ChatException Invalid(string field, string message) => new(ChatErrorCode.Invalid, message) { Field = field };
}
