using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Notifications;

/// <summary>How mentions reach users by e-mail, bound from <c>Chat:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Chat:Notifications";

    /// <summary>
    /// At most one e-mail per recipient in this period. Mentions that arrive meanwhile wait in the inbox; the next
    /// e-mail says how many there were.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan EmailInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The address users open the service at; e-mails link to rooms under it (<c>{PublicUrl}/rooms/{id}</c>).</summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000";
}
