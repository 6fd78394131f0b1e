using System.CommandLine;
using System.Text.Json;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;
using Lookalike.Search;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike check IMAGES... --against LIST</c> (moderation): which images are near-duplicates of flagged ones, by PDQ
/// in any of the 8 orientations. LIST is a PDQ hash list or a folder of flagged images, hashed in memory and never
/// put in a catalog. Exit code 0: nothing matched; 1: something matched; 2: nothing matched but something could not
/// be read, so a pipeline never takes an unreadable upload for a clean one.
/// </summary>
internal static class CheckCommand
{
    private const int Clean = 0, Matched = 1, Unsure = 2;

    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "Images to check, or folders of them", Arity = ArgumentArity.OneOrMore };
        var against = new Option<string[]>("--against")
        {
            Description = "Flagged images: a PDQ hash list file (one hex hash per line, optionally hash,quality,label; " +
                          "what 'lookalike hash' prints) or a folder of images. Repeat to check against several",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var maxDistance = new Option<int>("--max-distance")
        {
            Description = $"Most differing bits (of 256) that still match (default: {PdqHash.MatchDistance}, the PDQ reference's recommendation)",
            DefaultValueFactory = _ => PdqHash.MatchDistance,
        };
        var minQuality = new Option<int>("--min-quality")
        {
            Description = $"Images and list entries whose PDQ quality is below this are not matched (default: {PdqHash.MinUsefulQuality}, " +
                          "as the reference advises: flat pictures hash unreliably)",
            DefaultValueFactory = _ => PdqHash.MinUsefulQuality,
        };
        var json = CommonOptions.Json();
        json.Description = "Print one JSON object per checked image (JSON Lines)";
        var command = new Command("check", "Check images against flagged images or a PDQ hash list (exit 1 when anything matches)")
        {
            images, against, maxDistance, minQuality, json,
        };
        command.SetAction(parse =>
        {
            var limit = parse.GetValue(maxDistance);
            var least = parse.GetValue(minQuality);
            if (limit is < 0 or > PdqHash.BitCount) return Fail($"--max-distance must be between 0 and {PdqHash.BitCount}.");
            var fingerprinter = new Fingerprinter();
            var problems = 0;
            void Problem(string path, string reason)
            {
                Terminal.Problem(path, reason);
                problems++;
            }

            FlaggedImages flagged;
            try
            {
                flagged = FlaggedImages.Combine(parse.GetValue(against)!.Select(list => FlaggedImages.Load(list, fingerprinter, least, Problem)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(e.Message);
            }
            if (flagged.LowQuality > 0)
                Terminal.Line($"{flagged.LowQuality} flagged hashes of quality below {least} left out");
            if (flagged.Entries.Count == 0) return Fail("no flagged hashes to check against.");

            var (files, missing) = ImageArguments.Expand(parse.GetValue(images)!);
            problems += missing;
            var anyMatch = false;
            foreach (var file in files)
            {
                PdqHashes hashes;
                try
                {
                    hashes = fingerprinter.ComputePdq(file);
                }
                catch (ImageDecodeException e)
                {
                    Problem(e.Path, e.Reason);
                    continue;
                }
                var usable = hashes.Quality >= least;
                var matches = usable ? flagged.Match(hashes, limit) : [];
                anyMatch |= matches.Count > 0;
                Print(file, hashes, usable ? null : $"quality {hashes.Quality} below {least}: too flat to match reliably", matches, limit, parse.GetValue(json));
            }
            return anyMatch ? Matched : problems > 0 ? Unsure : Clean;
        });
        return command;
    }

    private static void Print(string file, PdqHashes hashes, string? skipped, List<FlaggedMatch> matches, int limit, bool json)
    {
        if (json)
        {
            Json.WriteLine(new
            {
                file,
                hash = hashes.Hash.ToString(),
                quality = hashes.Quality,
                matched = matches.Count > 0,
                skipped,
                maxDistance = limit,
                matches = matches.Select(m => new
                {
                    entry = m.Entry.Label,
                    hash = m.Entry.Hash.ToString(),
                    quality = m.Entry.Quality,
                    distance = m.Distance,
                    transform = TransformName(m.Transform),
                }),
            });
            return;
        }
        if (skipped != null) Console.Out.WriteLine($"{file}: not checked, {skipped}");
        else if (matches.Count == 0) Console.Out.WriteLine($"{file}: no match");
        foreach (var m in matches)
            Console.Out.WriteLine($"{file}: MATCH {m.Entry.Label} ({m.Distance}/{PdqHash.BitCount} bits" +
                                  (m.Transform == Dihedral.Identity ? "" : $"; the flagged picture after {TransformName(m.Transform)}") + ")");
    }

    /// <summary>camelCase, as every JSON name: identity, rotate90, mirrorLeftRight, ...</summary>
    private static string TransformName(Dihedral transform) => JsonNamingPolicy.CamelCase.ConvertName(transform.ToString());

    /// <summary>The list could not be used: one line, and exit code 2 (not 1, which means "matched").</summary>
    private static int Fail(string message)
    {
        Terminal.Line(message);
        return Unsure;
    }
}
