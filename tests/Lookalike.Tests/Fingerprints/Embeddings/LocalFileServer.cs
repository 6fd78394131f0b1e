using System.Net;
using System.Net.Sockets;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// Serves one byte array over HTTP on 127.0.0.1 (HttpListener), honouring "Range: bytes=N-" with 206,
/// and records the ranges asked for, so downloads are tested without the internet.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _loop;

    public LocalFileServer(byte[] content)
    {
        _content = content;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/model.tar.gz");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public Uri Url { get; }

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
            if (from >= _content.Length)
            {
                response.StatusCode = 416;
                response.Close();
                continue;
            }
            if (from > 0)
            {
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{_content.Length - 1}/{_content.Length}");
            }
            response.ContentLength64 = _content.Length - from;
            await response.OutputStream.WriteAsync(_content.AsMemory((int)from));
            BytesSent += _content.Length - from;
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
