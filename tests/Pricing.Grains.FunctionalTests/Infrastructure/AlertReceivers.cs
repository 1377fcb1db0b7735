using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback that keeps every post and answers with the statuses it is told, then 200.</summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public record Post(string Path, Dictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Post> Posts { get; } = new();

    /// <summary>Statuses to answer the next posts with (a 500 to make a delivery fail), before 200 again.</summary>
    public ConcurrentQueue<HttpStatusCode> NextAnswers { get; } = new();

    public string Url { get; }

    /// <summary>Once this many posts were answered, the next ones are kept in <see cref="Held"/> and never answered (a receiver that hangs).</summary>
    public int? HoldAfter { get; set; }

    public ConcurrentQueue<Post> Held { get; } = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpReceiver()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hook";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var post = new Post(context.Request.Url!.AbsolutePath,
                context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase), body);
            if (Posts.Count >= HoldAfter)
            {
                Held.Enqueue(post);
                _ = _released.Task.ContinueWith(_ => context.Response.Abort(), TaskScheduler.Default);
                continue;
            }
            var status = NextAnswers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            if (status == HttpStatusCode.OK)
                Posts.Enqueue(post);
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    internal static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

/// <summary>A real SMTP server on loopback (the SmtpServer package) that keeps every mail it is given.</summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public ConcurrentQueue<MimeMessage> Mails { get; } = new();
    public int Port { get; }

    public SmtpReceiver()
    {
        Port = HttpReceiver.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    private sealed class Store(SmtpReceiver receiver) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken ct)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            receiver.Mails.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
    }
}
