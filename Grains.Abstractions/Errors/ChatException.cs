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

    public static ChatException NotFound(string message) => new(ChatErrorCode.NotFound, message);

    public static ChatException Forbidden(string message) => new(ChatErrorCode.Forbidden, message);

    public static ChatException Conflict(string message) => new(ChatErrorCode.Conflict, message);

    public static ChatException Invalid(string message) => new(ChatErrorCode.Invalid, message);
}
