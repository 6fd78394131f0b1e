using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Dedup.Actions;
using Lookalike.Files;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike undo [ACTION_ID] [--list]</c>: puts back what a <c>dupes --action</c> moved or linked.</summary>
internal static class UndoCommand
{
    public static Command Create()
    {
        var actionId = new Argument<string?>("action-id")
        {
            Description = "The action to undo (default: the latest one with anything left to restore)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var list = new Option<bool>("--list") { Description = "List the recorded actions instead of undoing one" };
        var trash = new TrashChoice();
        var json = CommonOptions.Json();
        var command = new Command("undo", "Restore the files of the last (or a given) dupes action exactly")
        {
            actionId, list, json,
        };
        foreach (var option in trash.Options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var (catalog, folder) = trash.OpenWithCatalog(parse);
            using var _ = catalog;
            var seal = ManifestSeal.ForCatalog(catalog);
            try
            {
                return parse.GetValue(list)
                    ? List(folder, seal, parse.GetValue(json))
                    : Undo(folder, seal, parse.GetValue(actionId), parse.GetValue(json));
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
            {
                throw new BadInputException(e.Message, e);
            }
        });
        return command;
    }

    private static int List(TrashFolder trash, ManifestSeal seal, bool json)
    {
        var actions = trash.Manifest.Actions(seal);
        if (json)
        {
            Json.Write(new
            {
                trash = trash.Root,
                actions = actions.Select(a => new
                {
                    a.ActionId, a.Action, a.StartedUtc, a.Files, a.Bytes, a.Restored, a.NotRestorable, a.CanUndo,
                }),
            });
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(trash.Manifest.Path))
            .AddColumn("Action id").AddColumn("Action").AddColumn("Started (UTC)")
            .AddColumn(new TableColumn("Files").RightAligned()).AddColumn(new TableColumn("Size").RightAligned()).AddColumn("State");
        foreach (var a in actions)
            table.AddRow(a.ActionId, DedupActionNames.Of(a.Action), $"{a.StartedUtc:yyyy-MM-dd HH:mm:ss}", a.Files.ToString(), ByteSize.Text(a.Bytes),
                a.CanUndo ? (a.Restored > 0 ? $"{a.Restored} restored, rest undoable" : "undoable")
                    : a.NotRestorable > 0 ? "deleted (not undoable)" : "undone");
        Terminal.Out.Write(table);
        return 0;
    }

    private static int Undo(TrashFolder trash, ManifestSeal seal, string? actionId, bool json)
    {
        var outcome = new DedupActionRunner(trash, seal).Undo(actionId);
        foreach (var skipped in outcome.Skipped) Terminal.Line(skipped.Reason);
        if (json)
            Json.Write(outcome);
        else
            Terminal.Out.WriteLine($"Undid {outcome.ActionId}: {outcome.Restored.Count} files restored, {outcome.Skipped.Count} left in the trash.");
        return outcome.Skipped.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeFilesFailed;
    }
}
