using System.ComponentModel.DataAnnotations;

namespace Chat.Api.Infrastructure;

/// <summary>Limits of the front door, bound from <c>Chat:Api</c>.</summary>
public sealed class ChatApiOptions
{
    public const string Section = "Chat:Api";

    /// <summary>Messages a user may send at once (REST and hub together) before the rate applies.</summary>
    [Range(1, 100_000)]
    public int MessageBurst { get; set; } = 20;

    /// <summary>Messages per second a user may keep sending (REST and hub together).</summary>
    [Range(1, 100_000)]
    public int MessagesPerSecond { get; set; } = 5;

    /// <summary>Register and login requests per minute from one client address.</summary>
    [Range(1, 1_000_000)]
    public int AuthRequestsPerMinute { get; set; } = 30;

    /// <summary>Rooms one user may create per minute.</summary>
    [Range(1, 1_000_000)]
    public int RoomCreationsPerMinute { get; set; } = 30;

    /// <summary>Members one user may add to rooms per minute.</summary>
    [Range(1, 1_000_000)]
    public int MemberAdditionsPerMinute { get; set; } = 120;

    /// <summary>Rooms one connection may have joined at once.</summary>
    [Range(1, 10_000)]
    public int MaxRoomsPerConnection { get; set; } = 200;

    /// <summary>How often this silo re-asserts its stream subscriptions and presence reports to the grains.</summary>
    public TimeSpan PresenceRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest time between two typing notices one connection forwards for one room.</summary>
    public TimeSpan TypingThrottle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Name this host gives itself in the <c>X-Served-By</c> header; default the machine name (on EC2, set to the instance id).</summary>
    public string? InstanceName { get; set; }
}
