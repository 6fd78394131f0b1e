using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lookalike.Testing.Postgres;

/// <summary>
/// PostgreSQL with pgvector for tests and benchmarks, where Debian has no pgvector package for its server: PGlite
/// (PostgreSQL compiled to WebAssembly, npm <c>@electric-sql/pglite</c>) with its pgvector extension, served over the wire
/// protocol on a free loopback port by <c>@electric-sql/pglite-socket</c>, run by node. scripts/bootstrap.sh --test puts
/// the packages in .deps/pglite. One in-memory server per process (<see cref="Shared"/>), one database in it.
/// </summary>
public sealed class PgliteServer : IDisposable
{
    private static readonly Lazy<PgliteServer> Instance = new(() =>
    {
        var server = Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    private readonly Process _node;

    private PgliteServer(Process node, int port)
    {
        _node = node;
        Url = $"postgres://postgres:postgres@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/postgres";
    }

    /// <summary>The database's <c>postgres://</c> URL.</summary>
    public string Url { get; }

    /// <summary>Why the server cannot start here (no node, or the packages were not fetched), or null when it can.</summary>
    public static string? Unavailable => ServerScript() is null
        ? "PGlite not found (.deps/pglite/node_modules/@electric-sql/pglite-socket with pglite-pgvector; run scripts/bootstrap.sh --test)"
        : !File.Exists("/usr/bin/node") && !File.Exists("/usr/local/bin/node") ? "node not found (apt-get install nodejs)" : null;

    public static PgliteServer Shared => Instance.Value;

    public void Dispose()
    {
        if (!_node.HasExited) _node.Kill(entireProcessTree: true);
        _node.Dispose();
    }

    private static PgliteServer Start()
    {
        var script = ServerScript() ?? throw new InvalidOperationException(Unavailable);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        // node runs pglite-socket's server script through a two-line wrapper that exits when its stdin closes: the pipe from
        // this process, which closes when this process ends, however it ends (a test host killed by its runner runs no exit handlers).
        var wrapper = Path.Combine(Path.GetTempPath(), $"lookalike-pglite-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.mjs");
        File.WriteAllText(wrapper, "process.stdin.on('end', () => process.exit(0)); process.stdin.resume();\n" +
                                   $"await import({System.Text.Json.JsonSerializer.Serialize(new Uri(script).AbsoluteUri)});\n");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { wrapper, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1",
                     "--extensions", "@electric-sql/pglite-pgvector:vector", "--max-connections", "8" })
            info.ArgumentList.Add(arg);
        var node = Process.Start(info)!;
        var listening = new TaskCompletionSource();
        var log = new System.Text.StringBuilder();
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (e.Data.Contains("listening", StringComparison.OrdinalIgnoreCase)) listening.TrySetResult();
        };
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromMinutes(1)))
        {
            if (!node.HasExited) node.Kill(entireProcessTree: true);
            lock (log) throw new InvalidOperationException($"PGlite did not start listening within a minute:\n{log}");
        }
        return new PgliteServer(node, port);
    }

    /// <summary>pglite-socket's server script in the checkout's .deps (found above the running assembly).</summary>
    private static string? ServerScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, ".deps", "pglite", "node_modules", "@electric-sql", "pglite-socket", "dist", "scripts", "server.js");
            if (File.Exists(script) && Directory.Exists(Path.Combine(dir.FullName, ".deps", "pglite", "node_modules", "@electric-sql", "pglite-pgvector")))
                return script;
        }
        return null;
    }
}
