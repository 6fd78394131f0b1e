using System.Diagnostics;

namespace Lookalike.Tests.Support;

/// <summary>Makes files with names that are not UTF-8 through the shell's printf, apart from the code under test.</summary>
internal static class RawNames
{
    /// <param name="printfName">The name as a printf format, e.g. <c>latin1-\351\377.jpg</c> (octal escapes).</param>
    public static void CopyAs(string source, string folder, string printfName) =>
        Shell($"cp -p -- \"$1\" \"$2/$(printf '{printfName}')\"", source, folder);

    /// <summary>The names in <paramref name="folder"/> as `ls --quoting-style=escape` writes them (octal for bytes that are not ASCII; hidden ones left out).</summary>
    public static string[] List(string folder) =>
        Shell("LC_ALL=C ls --quoting-style=escape -- \"$1\"", folder).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>cmp of two files, the second named by a printf format.</summary>
    public static bool SameBytes(string file, string folder, string printfName) =>
        Shell($"cmp -s -- \"$1\" \"$2/$(printf '{printfName}')\" && echo same || echo differ", file, folder).Trim() == "same";

    private static string Shell(string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("bash");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bash failed: {error}");
        return output;
    }
}
