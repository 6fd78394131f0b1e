using System.CommandLine;
using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Keep;
using Lookalike.Dedup.Reports;

namespace Lookalike.Cli.Commands;

/// <summary>
/// The part of <c>lookalike dupes</c> that decides what to do with the groups: remembered decisions, the keep-best
/// choice, exports, and the action on the duplicates (report by default). See docs/dedup-actions.md.
/// </summary>
internal sealed class DupesResolution
{
    private readonly Option<string> _keepRules = new("--keep-rules")
    {
        Description = "Order of the keep-best rules: folder, camera, unedited, colour, shape, pixels, tone, format, compression, date",
        DefaultValueFactory = _ => string.Join(',', KeepPolicy.Default.Rules.Select(KeepPolicy.Name)),
    };
    private readonly Option<string[]> _prefer = new("--prefer")
    {
        Description = "Preferred folder for the keeper (repeat, most preferred first)",
        DefaultValueFactory = _ => [],
    };
    private readonly Option<string> _action = new("--action")
    {
        Description = "What to do with the duplicates (never the keeper); deleting for good needs --delete --yes instead",
        DefaultValueFactory = _ => DedupActionNames.Of(DedupAction.Report),
    };
    private readonly Option<bool> _delete = new("--delete") { Description = "Delete the duplicates for good (not undoable; needs --yes)" };
    private readonly Option<bool> _yes = new("--yes") { Description = "Confirm --delete" };
    private readonly Option<string?> _trash = new("--trash") { Description = "Trash folder (default: trash/ beside the catalog)" };
    private readonly Option<string?> _export = new("--export") { Description = "Also write the groups to FILE.csv or FILE.json" };

    public DupesResolution()
    {
        _action.AcceptOnlyFromAmong([.. new[] { DedupAction.Report, DedupAction.MoveToTrash, DedupAction.Hardlink, DedupAction.Symlink }.Select(DedupActionNames.Of)]);
        _prefer.HelpName = "FOLDER";
        _trash.HelpName = "DIR";
        _export.HelpName = "FILE";
    }

    public IEnumerable<Option> Options => [_keepRules, _prefer, _action, _delete, _yes, _trash, _export];

    /// <summary>The outcome: one keeper choice per group, in the groups' order; and what the action did, in which trash (null for report).</summary>
    public sealed record Result(IReadOnlyList<KeepChoice> Choices, ActionPlan Plan, ActionOutcome? Outcome, TrashFolder? Trash);

    /// <summary>Checks the options that System.CommandLine cannot: null when fine, else a message.</summary>
    public string? Validate(ParseResult parse)
    {
        if (parse.GetValue(_delete) && !parse.GetValue(_yes)) return "refusing to delete without --yes (or use --action move-to-trash, which can be undone)";
        if (parse.GetValue(_delete) && Action(parse) != DedupAction.Report) return "--delete cannot be combined with --action";
        if (parse.GetValue(_export) is { } export && Path.GetExtension(export).ToLowerInvariant() is not (".csv" or ".json"))
            return $"--export {export}: the file name must end in .csv or .json";
        try
        {
            Policy(parse);
        }
        catch (ArgumentException e)
        {
            return $"--keep-rules: {e.Message}";
        }
        return null;
    }

    /// <summary>Chooses the keepers of <paramref name="groups"/> (formed with <paramref name="decisions"/> applied), exports
    /// them and carries out the action.</summary>
    public Result Apply(ParseResult parse, ImageCatalog catalog, IReadOnlyList<DuplicateGroup> groups, DecisionSet decisions,
        IReadOnlyList<string> roots)
    {
        var selector = new KeepBestSelector(Policy(parse), PictureTraits.TryRead);
        var choices = groups.Select(g => selector.Choose(g.Files.ToList())).ToList();
        if (parse.GetValue(_export) is { } export) Export(export, choices);

        var action = parse.GetValue(_delete) ? DedupAction.Delete : Action(parse);
        var plan = ActionPlan.From(choices, decisions);
        if (action == DedupAction.Report) return new Result(choices, plan, null, null);
        var trash = parse.GetValue(_trash) is { } folder ? new TrashFolder(folder) : TrashFolder.ForCatalog(catalog.DatabasePath);
        var options = new ActionOptions
        {
            Root = roots.Count == 1 && Directory.Exists(roots[0]) ? roots[0] : null,
            DeleteConfirmed = parse.GetValue(_delete) && parse.GetValue(_yes),
            Decisions = decisions,
        };
        return new Result(choices, plan, new DedupActionRunner(trash).Run(choices, action, options), trash);
    }

    private DedupAction Action(ParseResult parse) =>
        DedupActionNames.TryParse(parse.GetValue(_action)!, out var action) ? action : throw new UnreachableException("--action accepts only known names");

    private KeepPolicy Policy(ParseResult parse) => KeepPolicy.Parse(parse.GetValue(_keepRules)!, parse.GetValue(_prefer)!);

    private static void Export(string path, IReadOnlyList<KeepChoice> choices)
    {
        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var writer = new StreamWriter(path);
            DupesReport.WriteCsv(writer, choices);
        }
        else
        {
            using var stream = File.Create(path);
            DupesReport.WriteJson(stream, choices);
        }
    }
}
