namespace Chat.Grains.Abstractions.Errors;

/// <summary>Why a grain refused a request; the hosts map each to an HTTP status or a hub error.</summary>
public enum ChatErrorCode
{
    Invalid = 0,
    NotFound = 1,
    Forbidden = 2,
    Conflict = 3,
    RateLimited = 4,
    Unavailable = 5,
}
