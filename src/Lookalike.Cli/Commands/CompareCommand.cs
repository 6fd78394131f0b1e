using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Dedup;
using Lookalike.Hashing;
using Lookalike.Imaging;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike compare A B</c>: every fingerprint's distance between two images, and a verdict.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "First image" };
        var second = new Argument<string>("b") { Description = "Second image" };
        var json = CommonOptions.Json();
        var command = new Command("compare", "Compare two images by every fingerprint") { first, second, json };
        command.SetAction(parse =>
        {
            var a = Path.GetFullPath(parse.GetValue(first)!);
            var b = Path.GetFullPath(parse.GetValue(second)!);
            ImageHashes ha, hb;
            try
            {
                ha = ImageHashes.Compute(ImageDecoder.Decode(a, ImageHashes.DecodeSize));
                hb = ImageHashes.Compute(ImageDecoder.Decode(b, ImageHashes.DecodeSize));
            }
            catch (ImageDecodeException e)
            {
                Terminal.Problem(e.Path, e.Reason);
                return 1;
            }
            var rows = Enum.GetValues<HashMethod>().Select(m => new
            {
                Method = m,
                Distance = ImageHashes.Distance(ha[m], hb[m]),
                MaxDistance = HashDuplicateFinder.DefaultMaxDistance(m),
            }).ToList();
            // The verdict follows the default dedup fingerprint, pHash.
            var verdict = rows.Single(r => r.Method == HashMethod.PHash) is var p && p.Distance <= p.MaxDistance ? "near-duplicate" : "different";
            if (parse.GetValue(json))
            {
                Json.Write(new
                {
                    a, b, verdict,
                    hashes = rows.ToDictionary(r => r.Method.ToString().ToLowerInvariant(),
                        r => new { distance = r.Distance, maxDistance = r.MaxDistance, match = r.Distance <= r.MaxDistance }),
                });
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Fingerprint")
                .AddColumn(new TableColumn("Distance").RightAligned()).AddColumn(new TableColumn("Duplicate at").RightAligned()).AddColumn("Match");
            foreach (var r in rows)
                table.AddRow(r.Method.ToString(), $"{r.Distance}/64", $"<= {r.MaxDistance}", r.Distance <= r.MaxDistance ? "[green]yes[/]" : "no");
            Terminal.Out.Write(table);
            Terminal.Out.MarkupLine($"Verdict: [bold]{verdict}[/]");
            return 0;
        });
        return command;
    }
}
