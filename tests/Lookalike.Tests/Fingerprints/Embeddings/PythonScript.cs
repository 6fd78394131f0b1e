using System.Diagnostics;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>Runs a script with /usr/bin/python3 (python3-onnx, python3-numpy, python3-sentencepiece from bootstrap --test) and fails loudly.</summary>
internal static class PythonScript
{
    /// <returns>What the script printed on stdout.</returns>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"python3 {Path.GetFileName(script)} failed ({process.ExitCode}): {stderr.Result}{stdout}");
        return stdout;
    }
}
