using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Chat.Tests.Features;

/// <summary>
/// A real SMTP server (the SmtpServer package) in this process, on 127.0.0.1 and a port the OS picks. Keeps what
/// it receives so a test can await and inspect it. Optionally requires a user name and password (accepted over
/// the plain loopback connection).
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;
    private readonly Channel<ReceivedEmail> _received;

    private LoopbackSmtpServer(CancellationTokenSource stop, Task running, Channel<ReceivedEmail> received, int port, ConcurrentQueue<string> logins)
    {
        _stop = stop;
        _running = running;
        _received = received;
        Port = port;
        Logins = logins;
    }

    public int Port { get; }

    /// <summary>User names of successful logins.</summary>
    public ConcurrentQueue<string> Logins { get; }

    public static async Task<LoopbackSmtpServer> StartAsync(string? userName = null, string? password = null)
    {
        var received = Channel.CreateUnbounded<ReceivedEmail>();
        var logins = new ConcurrentQueue<string>();
        var requireLogin = userName is not null;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0));
                if (requireLogin)
                {
                    endpoint.AuthenticationRequired().AllowUnsecureAuthentication();
                }
            })
            .Build();

        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new CollectingStore(received.Writer));
        if (requireLogin)
        {
            services.Add(new DelegatingUserAuthenticator((user, pass) =>
            {
                var ok = user == userName && pass == password;
                if (ok)
                {
                    logins.Enqueue(user);
                }

                return ok;
            }));
        }

        var stop = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        var running = server.StartAsync(stop.Token);
        var first = await Task.WhenAny(started.Task, running).WaitAsync(StartTimeout);
        if (first != started.Task)
        {
            await running;
            throw new InvalidOperationException("The SMTP server stopped before it listened.");
        }

        return new LoopbackSmtpServer(stop, running, received, await started.Task, logins);
    }

    /// <summary>The next message received, or a clear failure after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedEmail> NextAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The SMTP server on port {Port} received no message within {timeout}.");
        }
    }

    public bool TryTake(out ReceivedEmail? email) => _received.Reader.TryRead(out email);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class CollectingStore(ChannelWriter<ReceivedEmail> writer) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var to = transaction.To.Select(mailbox => mailbox.AsAddress()).ToList();
            await writer.WriteAsync(new ReceivedEmail(transaction.From.AsAddress(), to, message), cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
