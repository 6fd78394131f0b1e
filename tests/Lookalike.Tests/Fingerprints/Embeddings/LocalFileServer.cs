using System.Net;
using System.Net.Sockets;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// Serves byte arrays over HTTP on 127.0.0.1 (HttpListener), honouring "Range: bytes=N-" with 206,
/// and records the ranges asked for, so downloads are tested without the internet.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly Task _loop;

    public LocalFileServer(byte[] content) : this(new Dictionary<string, byte[]> { ["model.tar.gz"] = content }) { }

    /// <summary>Serves each file at /PATH (404 for anything else).</summary>
    public LocalFileServer(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files.ToDictionary(f => "/" + f.Key, f => f.Value, StringComparer.Ordinal);
        var port = FreePort();
        Root = new Uri($"http://127.0.0.1:{port}/");
        Url = new Uri(Root, _files.Keys.First().TrimStart('/'));
        _listener.Prefixes.Add(Root.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    /// <summary>The first file's address.</summary>
    public Uri Url { get; }

    public Uri Root { get; }

    public Uri For(string path) => new(Root, path);

    /// <summary>Range start of each request (0 for a whole-file request).</summary>
    public List<long> RequestedFrom { get; } = [];

    /// <summary>Body bytes sent over all requests.</summary>
    public long BytesSent { get; private set; }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            long from = 0;
            var range = context.Request.Headers["Range"];
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
                from = long.Parse(range["bytes=".Length..^1]);
            lock (RequestedFrom) RequestedFrom.Add(from);
            var response = context.Response;
            if (!_files.TryGetValue(context.Request.Url!.AbsolutePath, out var content))
            {
                response.StatusCode = 404;
                response.Close();
                continue;
            }
            if (from >= content.Length)
            {
                response.StatusCode = 416;
                response.Close();
                continue;
            }
            if (from > 0)
            {
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{content.Length - 1}/{content.Length}");
            }
            response.ContentLength64 = content.Length - from;
            await response.OutputStream.WriteAsync(content.AsMemory((int)from));
            BytesSent += content.Length - from;
            response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        // Close alone: after Stop, Close unregisters the prefixes again, and the managed HttpListener does that by
        // binding the port anew, which fails ("Address already in use") when a parallel test has taken it meanwhile.
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
