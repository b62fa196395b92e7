using Chat.Grains.Abstractions;

namespace Chat.Api.Rooms;

/// <summary>
/// The one check of the <c>{id}</c> route value under <c>/api/rooms</c>: an id that cannot name a room is answered 400
/// (problem details naming the field <c>id</c>) before any handler runs. A route constraint would answer 404, and a
/// caller who sent a malformed id should be told so.
/// </summary>
public sealed class RoomIdFilter : IEndpointFilter
{
    /// <summary>The route value holding the room id.</summary>
    public const string RouteValue = "id";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues.TryGetValue(RouteValue, out var id) && !ChatLimits.IsValidRoomId(id as string)
            ? ValueTask.FromResult<object?>(RoomsApi.Invalid(RouteValue, ChatLimits.RoomIdRule))
            : next(context);
}
