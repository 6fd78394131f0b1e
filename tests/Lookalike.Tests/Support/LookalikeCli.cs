using System.Diagnostics;

namespace Lookalike.Tests.Support;

/// <summary>Runs the real lookalike CLI (the built Lookalike.Cli.dll) as a child process.</summary>
internal static class LookalikeCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunIn(null, args);

    /// <summary>Runs in <paramref name="workingDirectory"/> (null: the test's own), as a user in another folder would.</summary>
    public static Result RunIn(string? workingDirectory, params string[] args) => Finish(Start(workingDirectory, new Dictionary<string, string>(), args), args);

    /// <summary>Runs the CLI with extra environment variables (e.g. LOOKALIKE_LIBVIPS).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) => Finish(Start(null, environment, args), args);

    private static Result Finish(Process started, string[] args)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(entireProcessTree: true); throw new TimeoutException(string.Join(' ', args)); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(params string[] args) => Start(null, new Dictionary<string, string>(), args);

    private static Process Start(string? workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lookalike.Cli.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return Process.Start(info)!;
    }
}
