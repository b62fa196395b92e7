using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Abstractions.Users;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Chat.Grains.Notifications;

/// <summary>
/// Delivers one message's mentions: each mentioned user's grain stores and pushes the notification; users
/// without a live connection get an e-mail; the room gets a notice naming who was notified.
/// </summary>
[StatelessWorker]
public sealed partial class MentionDeliveryGrain(IEmailNotifier email, ILogger<MentionDeliveryGrain> logger) : Grain, IMentionDeliveryGrain
{
    public async Task Deliver(MentionDraft mention, IReadOnlyList<string> userNames)
    {
        var notified = new List<string>();
        foreach (var userName in userNames)
        {
            try
            {
                var result = await GrainFactory.GetGrain<IUserGrain>(userName).Notify(mention);
                if (!result.Stored)
                {
                    continue;
                }

                notified.Add(userName);
                if (!result.Online)
                {
                    await EmailAsync(userName, result.Email, mention);
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
            await GrainFactory.GetGrain<IRoomGrain>(mention.RoomId).Notice(text);
        }
    }

    private async Task EmailAsync(string userName, string? address, MentionDraft mention)
    {
        if (address is null)
        {
            LogNoAddress(userName);
            return;
        }

        await email.SendAsync(
            new EmailMessage(
                address,
                $"{mention.From} mentioned you in #{mention.RoomId}",
                $"{mention.From} wrote in #{mention.RoomId} (message {mention.Seq}):\n\n{mention.Excerpt}\n"),
            CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} is offline and has no e-mail address: the mention waits in the inbox")]
    private partial void LogNoAddress(string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify {UserName} of message {Seq} in room {RoomId}")]
    private partial void LogDeliveryFailed(Exception error, string userName, string roomId, long seq);
}
