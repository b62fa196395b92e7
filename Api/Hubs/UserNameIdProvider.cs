using Chat.Api.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Hubs;

/// <summary>A connection's user id is the token's subject (the normalized user name).</summary>
public sealed class UserNameIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(TokenService.UserNameClaim)?.Value;
}
