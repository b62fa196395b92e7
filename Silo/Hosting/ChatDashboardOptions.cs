namespace Chat.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard, bound from <c>Chat:Dashboard</c>. Off by default. When on, every silo collects statistics
/// for it and the front silos serve it at <c>/dashboard</c> to the administrator named here, who signs in with
/// HTTP Basic authentication (the browser asks; send it over HTTPS only, as the load balancer does in AWS).
/// Turn it on for every silo of a cluster alike: the front silos ask each silo for its figures.
/// </summary>
public sealed class ChatDashboardOptions
{
    public const string Section = "Chat:Dashboard";

    /// <summary>The shortest password a front silo accepts for the dashboard.</summary>
    public const int MinPasswordLength = 16;

    /// <summary>Collect statistics and serve the dashboard. Default <c>false</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The administrator's user name. Required on front silos when <see cref="Enabled"/>.</summary>
    public string? UserName { get; set; }

    /// <summary>
    /// The administrator's password, at least <see cref="MinPasswordLength"/> characters, from a secret store (for example
    /// the <c>Chat__Dashboard__Password</c> environment variable). No default: never commit one.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Offer the dashboard's live log stream. Default <c>false</c>: logs name users and rooms.</summary>
    public bool ShowTrace { get; set; }
}
