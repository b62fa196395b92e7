using System.Collections.Concurrent;
using System.Reflection;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>
/// The one check of room ids sent over the hub: every hub method argument named <c>roomId</c> must be a valid room id,
/// or the call is refused (<c>Invalid</c>) before the method runs. The REST twin is <c>RoomIdFilter</c>; a new hub
/// method taking a <c>roomId</c> is covered without remembering to call a helper.
/// </summary>
public sealed class RoomIdHubFilter : IHubFilter
{
    /// <summary>The parameter name the filter checks.</summary>
    public const string ParameterName = "roomId";

    private static readonly ConcurrentDictionary<MethodInfo, int> RoomIdPositions = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var position = RoomIdPositions.GetOrAdd(invocationContext.HubMethod, static method =>
            Array.FindIndex(method.GetParameters(), p => p.Name == ParameterName && p.ParameterType == typeof(string)));
        if (position >= 0 && !ChatLimits.IsValidRoomId(invocationContext.HubMethodArguments[position] as string))
        {
            throw ChatException.Invalid(ParameterName, ChatLimits.RoomIdRule);
        }

        return next(invocationContext);
    }
}
