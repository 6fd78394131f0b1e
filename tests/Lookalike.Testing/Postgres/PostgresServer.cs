using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lookalike.Testing.Postgres;

/// <summary>
/// A real, throwaway PostgreSQL server for tests and benchmarks: Debian's server binaries (<c>postgresql-15</c>, installed
/// by scripts/bootstrap.sh --test) run <c>initdb</c> and <c>pg_ctl</c> into a temporary folder, listening on a free loopback
/// port only; no system service is involved. One server per process (<see cref="Shared"/>), a fresh database per test
/// (<see cref="CreateDatabase"/>). PostgreSQL refuses to run as root, so as root it runs as <c>nobody</c> (setpriv).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> Instance = new(() =>
    {
        var server = Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });
    private static int _databases;

    private readonly string _folder;
    private readonly string _bin;

    private PostgresServer(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why no server can start here (no PostgreSQL binaries), or null when one can.</summary>
    public static string? Unavailable => FindBin() is null
        ? "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb; install postgresql-15, as scripts/bootstrap.sh --test does)"
        : null;

    /// <summary>The process's one server, started on first use.</summary>
    public static PostgresServer Shared => Instance.Value;

    /// <summary>A new, empty database: its <c>postgres://</c> URL.</summary>
    public string CreateDatabase(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        Psql($"CREATE DATABASE {name}");
        return Url(name);
    }

    public string Url(string database) => $"postgres://postgres@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>Runs SQL with psql against the <c>postgres</c> database (administration: create databases).</summary>
    public void Psql(string sql, string database = "postgres") =>
        Run("psql", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-qc", sql],
            asServerUser: false, binFolder: "/usr/bin");

    public void Dispose()
    {
        try
        {
            Run("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], asServerUser: true);
        }
        catch (InvalidOperationException) { /* already gone */ }
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }

    private static PostgresServer Start()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(Unavailable);
        var folder = Path.Combine(Path.GetTempPath(), "lookalike-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess) RunTool("chown", ["nobody:nogroup", folder]);
        var data = Path.Combine(folder, "data");
        var server = new PostgresServer(folder, bin, 0);
        server.Run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServerUser: true);
        // A free port can be taken between the probe and the server's bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                server.Run("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                    $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"], asServerUser: true);
                Watch(server, data);
                return new PostgresServer(folder, bin, port);
            }
            catch (InvalidOperationException) when (attempt < 3) { }
            catch (InvalidOperationException e)
            {
                var log = Path.Combine(folder, "server.log");
                throw new InvalidOperationException($"{e.Message}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}", e);
            }
        }
    }

    /// <summary>Stops the server when this process ends, however it ends (a test host killed by its runner runs no exit handlers).</summary>
    private static void Watch(PostgresServer server, string data)
    {
        var stop = $"tail --pid={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} -f /dev/null; " +
                   $"'{Path.Combine(server._bin, "pg_ctl")}' -D '{data}' -m immediate stop >/dev/null 2>&1";
        var info = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : "sh") { UseShellExecute = false, WorkingDirectory = server._folder };
        foreach (var arg in Environment.IsPrivilegedProcess ? ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "sh", "-c", stop] : new[] { "-c", stop })
            info.ArgumentList.Add(arg);
        Process.Start(info)!.Dispose();
    }

    private static string? FindBin()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Run(string tool, string[] args, bool asServerUser, string? binFolder = null)
    {
        var path = Path.Combine(binFolder ?? _bin, tool);
        if (asServerUser && Environment.IsPrivilegedProcess)
            RunTool("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", path, .. args], _folder);
        else
            RunTool(path, args, _folder);
    }

    private static void RunTool(string file, string[] args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} took more than 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
