using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Dedup;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Keep;
using Lookalike.Dedup.Reports;
using Lookalike.Files;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike dupes FOLDER...</c>: indexes what is missing, then lists near-duplicate groups (and acts on
/// them when asked) through <see cref="DuplicateSearch.Run"/>; this file only parses and renders.</summary>
internal static class DupesCommand
{
    public static Command Create()
    {
        var folders = CommonOptions.Folders();
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var model = ModelChoice.Option();
        var method = new Option<string>("--method")
        {
            Description = "Fingerprint to compare: combined (pHash, turned pHash and the embedding together), phash, dhash, " +
                          "ahash, whash, colorhash or embedding",
            DefaultValueFactory = _ => DuplicateSearchSettings.Combined,
        };
        method.AcceptOnlyFromAmong([.. DuplicateSearchSettings.Methods]);
        var similar = new Option<bool>("--similar")
        {
            Description = "Also group similar pictures (bursts, shots of one scene, stereo pairs, video frames), not only edited copies " +
                          "(combined method); each group says its level: exact, same-pixels, copy or similar",
        };
        var verify = new Option<string?>("--verify")
        {
            Description = "Content verifier for candidate pairs: content (matches corners under a geometric model, then compares the aligned " +
                          "pictures; the default with every --method) or none (the fingerprints alone decide: faster, no file is decoded)",
            HelpName = "content|none",
        };
        verify.AcceptOnlyFromAmong(DuplicateSearchSettings.VerifyContent, DuplicateSearchSettings.VerifyNone);
        var minSimilarity = CommonOptions.Cosine("--min-similarity",
            "Lowest embedding cosine (-1..1) that counts as a duplicate, alone (default: --method embedding: 0.994; " +
            "combined: the calibrated rules in docs/dedup-evaluation.md)");
        var maxDistance = CommonOptions.WholeNumber("--max-distance",
            $"Largest Hamming distance (0..{DuplicateSearchSettings.HashBits}) that still counts as a duplicate (default depends on the method)",
            0, DuplicateSearchSettings.HashBits);
        var keepRules = new Option<string>("--keep-rules")
        {
            Description = "Order of the keep-best rules, from: " + string.Join(", ", Enum.GetValues<KeepRule>().Select(KeepPolicy.Name)),
            DefaultValueFactory = _ => string.Join(',', KeepPolicy.Default.Rules.Select(KeepPolicy.Name)),
        };
        var prefer = new Option<string[]>("--prefer") { Description = "Preferred folder for the keeper (repeat, most preferred first)", HelpName = "FOLDER", DefaultValueFactory = _ => [] };
        var action = new Option<string>("--action")
        {
            Description = "What to do with the duplicates (never the keeper); deleting for good needs --delete --yes instead",
            DefaultValueFactory = _ => DedupActionNames.Of(DedupAction.Report),
        };
        action.AcceptOnlyFromAmong([.. new[] { DedupAction.Report, DedupAction.MoveToTrash, DedupAction.Hardlink, DedupAction.Symlink }.Select(DedupActionNames.Of)]);
        var forceLink = new Option<bool>("--force-link") { Description = "hardlink/symlink even when the keeper's pixels differ from the duplicate's" };
        var delete = new Option<bool>("--delete") { Description = "Delete the duplicates for good (not undoable; needs --yes)" };
        var yes = new Option<bool>("--yes") { Description = "Confirm --delete" };
        var trash = new Option<string?>("--trash") { Description = "Trash folder (default: trash/ beside the catalog)", HelpName = "DIR" };
        var export = new Option<string?>("--export") { Description = "Also write the report to FILE.json (the --json document) or FILE.csv", HelpName = "FILE" };
        var followLinks = CommonOptions.FollowLinks();
        var command = new Command("dupes", "Find groups of near-duplicate images in FOLDER..., suggest which to keep, optionally act")
        {
            folders, database, model, method, similar, verify, maxDistance, minSimilarity, keepRules, prefer, action, forceLink, delete, yes, trash, export, followLinks, json,
        };
        // Command validators run before the options' defaults are filled in: an option not given reads as null here.
        command.Validators.Add(result =>
        {
            if (result.GetValue(delete) && !result.GetValue(yes)) result.AddError("refusing to delete without --yes (or use --action move-to-trash, which can be undone)");
            if (result.GetValue(delete) && result.GetValue(action) is { } named && named != DedupActionNames.Of(DedupAction.Report)) result.AddError("--delete cannot be combined with --action");
            if (result.GetValue(similar) && result.GetValue(method) is { } other && other != DuplicateSearchSettings.Combined) result.AddError("--similar works with --method combined only");
            try
            {
                if (result.GetValue(keepRules) is { } rules) KeepPolicy.Parse(rules, result.GetValue(prefer) ?? []);
            }
            catch (ArgumentException e)
            {
                result.AddError($"--keep-rules: {e.Message}");
            }
            if (result.GetValue(export) is { } file)
            {
                if (Path.GetExtension(file).ToLowerInvariant() is not (".csv" or ".json")) result.AddError($"--export {file}: the file name must end in .csv or .json");
                else if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder)) result.AddError($"--export {file}: the folder {folder} does not exist");
            }
        });
        command.SetAction((parse, cancel) =>
        {
            DedupActionNames.TryParse(parse.GetValue(action)!, out var chosen);
            var settings = new DuplicateSearchSettings
            {
                Roots = parse.GetValue(folders)!,
                Method = parse.GetValue(method)!,
                Similar = parse.GetValue(similar),
                Verify = parse.GetValue(verify),
                MaxDistance = parse.GetValue(maxDistance),
                MinSimilarity = parse.GetValue(minSimilarity),
                KeepRules = parse.GetValue(keepRules),
                PreferredFolders = parse.GetValue(prefer)!,
                Action = parse.GetValue(delete) ? DedupAction.Delete : chosen,
                DeleteConfirmed = parse.GetValue(delete) && parse.GetValue(yes),
                TrashDirectory = parse.GetValue(trash),
                ForceLink = parse.GetValue(forceLink),
                ExportPath = parse.GetValue(export),
            };
            using var embedder = ModelChoice.Open(parse.GetValue(model));
            settings.Check(embedder is not null); // before the catalog is opened or anything indexed
            using var catalog = CatalogLocation.OpenForIndexing(settings.Roots, parse.GetValue(database));
            var indexed = CatalogSession.Index(catalog, settings.Roots, embedder, cancel, parse.GetValue(followLinks), orUseCommitted: true);
            var report = DuplicateSearch.Run(catalog, settings, embedder);
            foreach (var skipped in report.Action?.Skipped ?? []) Terminal.Line(skipped.Reason);
            if (parse.GetValue(json)) Console.Out.WriteLine(report.ToJson());
            else Print(report, catalog);
            if (report.Action is { LeftUndone: > 0 } incomplete)
            {
                // An action that could not do all it planned must not look like success.
                Terminal.Line($"{DedupActionNames.Of(incomplete.Name)}: {incomplete.LeftUndone} of {incomplete.LeftUndone + incomplete.Done.Count} " +
                    "planned files were left as they were (reasons above); run again once they are fixed");
                return Task.FromResult(ExitCodes.SomeFilesFailed);
            }
            return Task.FromResult(CatalogSession.ExitCode(indexed, report.Summary.Images));
        });
        return command;
    }

    private static void Print(DuplicateReport report, ImageCatalog catalog)
    {
        var console = Terminal.Out;
        foreach (var group in report.Groups)
        {
            var evidence = string.Join(", ", group.Evidence.Select(e => $"{e.Kind} {e.MinDistance}" + (e.MaxDistance > e.MinDistance ? $"-{e.MaxDistance}" : "")));
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"Group {group.Id} ({group.Level}): {group.Files.Count} files, distance {evidence}"))
                .Caption(Markup.Escape(Terminal.Safe($"keep: {group.Reason}")))
                .AddColumn("Keep").AddColumn("File").AddColumn(new TableColumn("Size").RightAligned())
                .AddColumn(new TableColumn("Resolution").RightAligned()).AddColumn("Format");
            foreach (var file in group.Details)
                table.AddRow(file.Keep ? "[green]keep[/]" : "", Markup.Escape(Terminal.Safe(file.Path)) + (file.Damaged ? " [red](damaged)[/]" : ""), ByteSize.Text(file.Size), $"{file.Width}x{file.Height}", Markup.Escape(file.Format));
            console.Write(table);
        }
        var s = report.Summary;
        console.WriteLine($"{s.Groups} groups, {s.FilesInGroups} of {s.Images} images; {s.Limits.Description}.");
        if (report.Action is { } done)
            console.WriteLine($"{DedupActionNames.Of(done.Name)}: {done.Done.Count} files done, {done.Skipped.Count} left alone"
                + (done.Done.Count > 0 && done.Trash is not null ? $"; undo with: lookalike undo {done.Id} --db {(catalog.IsShared ? catalog.DatabasePath : catalog.StateFolder)}" +
                   (done.Trash != TrashFolder.ForCatalog(catalog).Root ? $" --trash {done.Trash}" : "") : "."));
        else
            console.WriteLine($"Report only: {s.FilesThatCouldGo} duplicates could go ({ByteSize.Text(s.BytesReclaimable)}; --action move-to-trash|hardlink|symlink), "
                + $"{s.KeptByDecisions} kept by your decisions.");
    }
}
