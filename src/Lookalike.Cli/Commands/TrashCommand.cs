using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Dedup.Actions;
using Lookalike.Files;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike trash list|purge [--older-than AGE]</c>: what the trash holds, and emptying it for good, with
/// the space that is really given back (a file another hard link still holds frees nothing).</summary>
internal static class TrashCommand
{
    public static Command Create()
    {
        var command = new Command("trash", "Show what the trash holds, or purge it (deletes for good; purged actions cannot be undone)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Purge());
        return command;
    }

    private static Command List()
    {
        var trash = new TrashChoice();
        var json = CommonOptions.Json();
        var command = new Command("list", "Every action with files still in the trash, their size and what purging would free") { json };
        foreach (var option in trash.Options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var (catalog, folder) = trash.OpenWithCatalog(parse);
            using var _ = catalog;
            var actions = TrashContents.List(folder, ManifestSeal.ForCatalog(catalog));
            if (parse.GetValue(json))
            {
                Json.Write(new { trash = folder.Root, actions, bytesInTrash = actions.Sum(a => a.BytesInTrash), bytesFreedByPurge = actions.Sum(a => a.BytesFreedByPurge) });
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(folder.Root))
                .AddColumn("Action id").AddColumn("Action").AddColumn("Started (UTC)").AddColumn(new TableColumn("In trash").RightAligned())
                .AddColumn(new TableColumn("Size").RightAligned()).AddColumn(new TableColumn("Purge frees").RightAligned());
            foreach (var a in actions)
                table.AddRow(a.ActionId, DedupActionNames.Of(a.Action), $"{a.StartedUtc:yyyy-MM-dd HH:mm:ss}", $"{a.InTrash} of {a.Files}",
                    ByteSize.Text(a.BytesInTrash), ByteSize.Text(a.BytesFreedByPurge));
            Terminal.Out.Write(table);
            Terminal.Out.WriteLine($"{actions.Sum(a => a.InTrash)} files, {ByteSize.Text(actions.Sum(a => a.BytesInTrash))} in the trash; " +
                                   $"purging frees {ByteSize.Text(actions.Sum(a => a.BytesFreedByPurge))}.");
            return 0;
        });
        return command;
    }

    private static Command Purge()
    {
        var trash = new TrashChoice();
        var olderThan = new Option<string>("--older-than")
        {
            Description = "Only actions started at least this long ago: 30d, 12h, 90m; 0 for all (default: 0)",
            HelpName = "AGE",
            DefaultValueFactory = _ => "0",
        };
        olderThan.Validators.Add(result =>
        {
            try
            {
                TrashContents.ParseAge(result.GetValueOrDefault<string>());
            }
            catch (BadInputException e)
            {
                result.AddError($"--older-than: {e.Message}");
            }
        });
        var json = CommonOptions.Json();
        var command = new Command("purge", "Delete for good the trashed files of the actions older than AGE") { olderThan, json };
        foreach (var option in trash.Options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var (catalog, folder) = trash.OpenWithCatalog(parse);
            using var _ = catalog;
            var outcome = TrashContents.Purge(folder, ManifestSeal.ForCatalog(catalog), TrashContents.ParseAge(parse.GetValue(olderThan)!), DateTime.UtcNow);
            foreach (var skipped in outcome.Skipped) Terminal.Line(skipped.Reason);
            if (parse.GetValue(json)) Json.Write(outcome);
            else
                Terminal.Out.WriteLine($"Purged {outcome.Files} files of {outcome.Actions.Count} actions: {ByteSize.Text(outcome.BytesFreed)} freed" +
                                       (outcome.BytesStillLinked > 0 ? $", {ByteSize.Text(outcome.BytesStillLinked)} still held by other hard links" : "") +
                                       $" (free space {ByteSize.Text(outcome.FreeBytesBefore)} -> {ByteSize.Text(outcome.FreeBytesAfter)}).");
            return outcome.Skipped.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeFilesFailed;
        });
        return command;
    }
}
