using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Loading;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike doctor</c>: which libvips is loaded (version, build, file) and which image formats it reads.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "Show which libvips is loaded and which image formats it reads") { json };
        command.SetAction(parse =>
        {
            LibvipsInfo info;
            try
            {
                info = LibvipsInfo.OfThisProcess();
            }
            catch (InvalidOperationException e) // no libvips, or LOOKALIKE_LIBVIPS asks for one that is missing
            {
                Console.Error.WriteLine($"lookalike: {e.Message}");
                return 1;
            }
            if (parse.GetValue(json))
            {
                Json.Write(new
                {
                    libvips = new { info.Version, build = info.Build.ToString().ToLowerInvariant(), info.Path },
                    formats = info.Formats.Select(f => new { f.Name, f.Loader, f.Extensions, f.Readable, f.Why }),
                });
                return 0;
            }
            Console.WriteLine($"libvips {info.Version} ({info.Build.ToString().ToLowerInvariant()}) from {info.Path ?? "an unknown file"}");
            Console.WriteLine($"choose with {NativeLibvips.EnvironmentVariable}=system|bundled (default: system when installed, it reads HEIC)");
            foreach (var format in info.Formats)
                Console.WriteLine($"  {format.Name,-5} {(format.Readable ? "reads" : "no"),-5} {string.Join(' ', format.Extensions),-26} {format.Why}");
            return 0;
        });
        return command;
    }
}
