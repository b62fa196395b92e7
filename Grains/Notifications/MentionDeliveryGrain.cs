using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Chat.Grains.Notifications;

/// <summary>
/// Delivers one message's mentions: each mentioned user's grain stores and pushes the notification; users
/// without a live connection get an e-mail (at most one per <see cref="NotificationOptions.EmailInterval"/>, as their
/// grain decides); the room gets a notice naming who was notified. A private room's text is never e-mailed: the
/// e-mail names the room and the sender and links to the room.
/// </summary>
[StatelessWorker]
public sealed partial class MentionDeliveryGrain(
    IEmailNotifier email,
    IOptions<NotificationOptions> options,
    ILogger<MentionDeliveryGrain> logger) : Grain, IMentionDeliveryGrain
{
    public async Task DeliverAsync(MentionDraft mention, IReadOnlyList<string> userNames)
    {
        var notified = new List<string>();
        foreach (var userName in userNames)
        {
            try
            {
                var result = await GrainFactory.Reference<IUserGrain>(userName).NotifyAsync(mention);
                if (!result.Stored)
                {
                    continue;
                }

                notified.Add(userName);
                if (result.EmailHeldBack)
                {
                    LogEmailHeldBack(userName);
                }
                else if (!result.Online)
                {
                    await EmailAsync(userName, result.Email, mention, result.HeldBackBefore);
                }
            }
            catch (Exception error)
            {
                LogDeliveryFailed(error, userName, mention.RoomId, mention.Seq);
            }
        }

        if (notified.Count > 0)
        {
            var text = notified.Count == 1 ? $"{notified[0]} was notified." : $"{string.Join(", ", notified)} were notified.";
            await GrainFactory.Reference<IRoomGrain>(mention.RoomId).NoticeAsync(text);
        }
    }

    private async Task EmailAsync(string userName, string? address, MentionDraft mention, int heldBackBefore)
    {
        if (address is null)
        {
            LogNoAddress(userName);
            return;
        }

        await email.SendAsync(Compose(address, mention, heldBackBefore), CancellationToken.None);
    }

    private EmailMessage Compose(string address, MentionDraft mention, int heldBackBefore)
    {
        var link = $"{options.Value.PublicUrl.TrimEnd('/')}/rooms/{Uri.EscapeDataString(mention.RoomId)}";
        var body = new System.Text.StringBuilder();
        if (mention.IsPrivate)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{mention.From} mentioned you in the private room #{mention.RoomId} (message {mention.Seq}). Its text is shown only in the app:\n\n{link}\n");
        }
        else
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{mention.From} wrote in #{mention.RoomId} (message {mention.Seq}):\n\n{mention.Excerpt}\n\nOpen the room: {link}\n");
        }

        if (heldBackBefore > 0)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"\nYou were mentioned {heldBackBefore} more time(s) since the last e-mail; those mentions wait in your notifications.\n");
        }

        return new EmailMessage(address, $"{mention.From} mentioned you in #{mention.RoomId}", body.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} is offline and has no e-mail address: the mention waits in the inbox")]
    private partial void LogNoAddress(string userName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{UserName} was e-mailed recently: this mention waits in the inbox and the next e-mail counts it")]
    private partial void LogEmailHeldBack(string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify {UserName} of message {Seq} in room {RoomId}")]
    private partial void LogDeliveryFailed(Exception error, string userName, string roomId, long seq);
}
