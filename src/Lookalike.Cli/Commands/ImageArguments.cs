using Lookalike.Cli.Output;
using Lookalike.Ingest;

namespace Lookalike.Cli.Commands;

/// <summary>The images named on a command line for commands that need no catalog (hash, check): files as given,
/// whatever their name, and the images below folders. Names that do not exist and folders that cannot be listed are
/// reported, left out and counted.</summary>
internal static class ImageArguments
{
    public static (List<string> Files, int Missing) Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        var missing = 0;
        void Problem(string path, string reason)
        {
            Terminal.Problem(path, reason);
            missing++;
        }
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument);
            if (Directory.Exists(full)) files.AddRange(FileScanner.Scan([full], Problem));
            else if (File.Exists(full)) files.Add(full);
            else Problem(full, "no such file or folder");
        }
        return (files, missing);
    }
}
