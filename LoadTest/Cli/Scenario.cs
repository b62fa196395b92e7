namespace Chat.LoadTest.Cli;

/// <summary>What a run does; each is a sub-command of the tool.</summary>
public enum Scenario
{
    /// <summary>Rooms × members over SignalR; some members send, every other member times each delivery.</summary>
    Fanout,

    /// <summary>Holds connections joined to their rooms, idle: memory and CPU per connection.</summary>
    Connect,

    /// <summary>REST history pages (<c>GET /api/rooms/{id}/messages</c>).</summary>
    History,

    /// <summary>REST sends (<c>POST /api/rooms/{id}/messages</c>).</summary>
    HttpPost,
}
