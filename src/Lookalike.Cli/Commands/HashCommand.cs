using System.CommandLine;
using System.Globalization;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike hash FILE...</c>: each file's perceptual hashes, without a catalog. PDQ is printed as the PDQ
/// reference tool prints it (<c>hash,quality,path</c>), so lists made here and by other PDQ tools interoperate
/// (and feed <c>lookalike check --against</c>).
/// </summary>
internal static class HashCommand
{
    private const string Pdq = "pdq", All = "all";

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Image files, or folders to hash every image below", Arity = ArgumentArity.OneOrMore };
        var method = new Option<string>("--method")
        {
            Description = "Hash to print: pdq (hash,quality,path: the PDQ reference tool's format), phash, dhash, ahash, whash, colorhash " +
                          "(hex,path) or all (a table)",
            DefaultValueFactory = _ => Pdq,
            CustomParser = result =>
            {
                var name = result.Tokens.Single().Value.ToLowerInvariant();
                if (name is not (Pdq or All) && !Enum.TryParse<HashMethod>(name, ignoreCase: true, out _))
                    result.AddError($"Unknown method '{name}': use pdq, phash, dhash, ahash, whash, colorhash or all.");
                return name;
            },
        };
        var json = CommonOptions.Json();
        json.Description = "Print one JSON object per file (JSON Lines)";
        var command = new Command("hash", "Print the perceptual hashes of image files (no catalog needed)") { files, method, json };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(method)!;
            var wantPdq = name is Pdq or All;
            var hashMethods = name switch
            {
                Pdq => [],
                All => Enum.GetValues<HashMethod>(),
                _ => [Enum.Parse<HashMethod>(name, ignoreCase: true)],
            };
            var (paths, missing) = ImageArguments.Expand(parse.GetValue(files)!);
            var fingerprinter = new Fingerprinter();
            var table = name == All && !parse.GetValue(json) ? AllTable() : null;
            var failed = 0;
            foreach (var path in paths)
            {
                PdqHashes? pdq;
                ImageHashes? hashes;
                try
                {
                    pdq = wantPdq ? fingerprinter.ComputePdq(path) : null;
                    hashes = hashMethods.Length > 0 ? fingerprinter.Compute(path).Hashes : null;
                }
                catch (ImageDecodeException e)
                {
                    Terminal.Problem(e.Path, e.Reason);
                    failed++;
                    continue;
                }
                if (parse.GetValue(json))
                {
                    var line = new Dictionary<string, object> { ["file"] = path };
                    if (pdq != null) line["pdq"] = new { hash = pdq.Hash.ToString(), quality = pdq.Quality };
                    foreach (var m in hashMethods) line[m.ToString().ToLowerInvariant()] = Hex(m, hashes!.Value[m]);
                    Json.WriteLine(line);
                }
                else if (table != null)
                    table.AddRow([Markup.Escape(path), pdq!.Hash.ToString(), pdq.Quality.ToString(CultureInfo.InvariantCulture),
                        .. hashMethods.Select(m => Hex(m, hashes!.Value[m]))]);
                else if (pdq != null) Console.Out.WriteLine(PdqHashList.FormatLine(pdq.Hash, pdq.Quality, path));
                else Console.Out.WriteLine($"{Hex(hashMethods[0], hashes!.Value[hashMethods[0]])},{path}");
            }
            if (table != null) Terminal.Out.Write(table);
            return failed + missing > 0 ? 1 : 0;
        });
        return command;
    }

    private static Table AllTable()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("File").AddColumn("PDQ").AddColumn(new TableColumn("Quality").RightAligned());
        foreach (var m in Enum.GetValues<HashMethod>()) table.AddColumn(m.ToString());
        return table;
    }

    /// <summary>Lower-case hex as imagehash writes it: 16 digits for the 64-bit hashes, 11 for the 42-bit colour hash.</summary>
    private static string Hex(HashMethod method, ulong value) =>
        method == HashMethod.ColorHash ? value.ToString("x11", CultureInfo.InvariantCulture) : value.ToString("x16", CultureInfo.InvariantCulture);
}
