using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Files;
using Lookalike.Fingerprints.Embeddings;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike models list|pull|add</c>: the embedding models this machine has or can get.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List, download and install embedding models");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Pull());
        command.Subcommands.Add(Add());
        return command;
    }

    private static Option<string?> ModelsDirectory() => new("--models-dir")
    {
        Description = $"Models directory (default: ${ModelStore.EnvironmentVariable}, else ~/.local/share/lookalike/models)",
    };

    private static Command List()
    {
        var dir = ModelsDirectory();
        var json = CommonOptions.Json();
        var command = new Command("list", "Show the built-in model, the presets and installed models") { dir, json };
        command.SetAction(parse =>
        {
            var store = new ModelStore(parse.GetValue(dir));
            var rows = ModelListing.Build(store);
            if (parse.GetValue(json))
            {
                Json.Write(new { modelsDirectory = store.Directory, models = rows });
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Model").AddColumn("Kind").AddColumn("Status")
                .AddColumn(new TableColumn("Size").RightAligned()).AddColumn(new TableColumn("Dim").RightAligned()).AddColumn("Description");
            foreach (var row in rows)
                table.AddRow(Markup.Escape(row.Name), row.Kind, row.Status, row.SizeBytes is { } size ? ByteSize.Text(size) : "",
                    row.Dimension.ToString(), Markup.Escape(row.Description ?? ""));
            Terminal.Out.Write(table);
            Terminal.Out.MarkupLine($"Models directory: {Markup.Escape(store.Directory)}");
            return 0;
        });
        return command;
    }

    private static Command Pull()
    {
        var name = new Argument<string>("name") { Description = "Preset name (see 'models list') or the name to install under with --url" };
        var url = new Option<string?>("--url") { Description = "Download this .tar.gz model archive instead of the preset's" };
        var sha = new Option<string?>("--sha256") { Description = "Expected sha256 of the archive (required with --url)" };
        var dir = ModelsDirectory();
        var json = CommonOptions.Json();
        var command = new Command("pull", "Download a preset's published export or a model archive (resumable, checksum-verified) into the models directory") { name, url, sha, dir, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var store = new ModelStore(parse.GetValue(dir));
            var modelName = parse.GetValue(name)!;
            bool quiet = parse.GetValue(json) || Console.IsErrorRedirected;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var downloader = new ModelDownloader(http, store);
            try
            {
                if (parse.GetValue(url) is { } customUrl)
                {
                    if (!Uri.TryCreate(customUrl, UriKind.Absolute, out var custom) || custom.Scheme is not ("http" or "https"))
                    {
                        Terminal.Line($"--url {customUrl} is not an http(s) address");
                        return 2;
                    }
                    if (parse.GetValue(sha) is not { Length: 64 } checksum)
                    {
                        Terminal.Line("--url needs --sha256 with the archive's 64-hex-digit checksum");
                        return 2;
                    }
                    var installed = await WithProgress(modelName, quiet, progress => downloader.PullAsync(modelName, new ModelDownload(custom, checksum), progress, cancellation));
                    if (parse.GetValue(json)) Json.Write(new { name = modelName, installed });
                    else Terminal.Out.MarkupLine($"Installed [bold]{Markup.Escape(modelName)}[/] in {Markup.Escape(installed)}");
                    return 0;
                }
                if (ModelPresets.Find(modelName) is not { Download: not null } preset)
                {
                    Console.Error.WriteLine(ModelPresets.Find(modelName) is null
                        ? $"lookalike: unknown model '{modelName}' (see 'lookalike models list'); give --url and --sha256 to download any archive"
                        : $"lookalike: no published export is known for '{modelName}': export it to ONNX (image.onnx, text.onnx) and " +
                          $"install it with 'lookalike models add DIR --preset {modelName}', or give --url and --sha256");
                    return 1;
                }
                var pulled = await WithProgress(preset.Name, quiet, progress => downloader.PullExportAsync(preset, progress, cancellation));
                if (parse.GetValue(json))
                {
                    Json.Write(new
                    {
                        name = preset.Name, installed = pulled.Directory, source = preset.Download.Source,
                        files = pulled.Files.Select(f => new { path = f.Path, sha256 = f.Sha256, bytes = f.Bytes, checksum = ChecksumWords(f.Origin) }),
                    });
                }
                else
                {
                    Terminal.Out.MarkupLine($"Installed [bold]{Markup.Escape(preset.Name)}[/] from {Markup.Escape(preset.Download.Source)} in {Markup.Escape(pulled.Directory)}");
                    foreach (var file in pulled.Files)
                        Terminal.Out.MarkupLine($"  {Markup.Escape(file.Path)}  {ByteSize.Text(file.Bytes)}  sha256 {file.Sha256} ({ChecksumWords(file.Origin)})");
                }
                return 0;
            }
            catch (ModelException e)
            {
                Terminal.Line(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static string ChecksumWords(ModelDownloader.ChecksumOrigin origin) => origin switch
    {
        ModelDownloader.ChecksumOrigin.Pinned => "matches the pinned checksum",
        ModelDownloader.ChecksumOrigin.MatchesFirstDownload => "matches the first download's",
        _ => $"first download: recorded in {ModelDownloader.ChecksumFile}",
    };

    /// <summary>Runs a download with a progress bar on the terminal, or silently for --json and redirected output.</summary>
    private static async Task<T> WithProgress<T>(string label, bool quiet, Func<IProgress<ModelDownloader.Progress>?, Task<T>> download)
    {
        if (quiet) return await download(null);
        return await Terminal.Error.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                var progress = new Progress<ModelDownloader.Progress>(p =>
                {
                    task.IsIndeterminate = p.Total is null;
                    task.MaxValue = p.Total ?? Math.Max(1, p.Received);
                    task.Value = p.Received;
                });
                return await download(progress);
            });
    }

    private static Command Add()
    {
        var source = new Argument<string>("dir") { Description = "Folder holding model.json and the ONNX file(s) it names" };
        var preset = new Option<string?>("--preset") { Description = "Use this preset's manifest when the folder has no model.json" };
        var dir = ModelsDirectory();
        var json = CommonOptions.Json();
        var command = new Command("add", "Install a model folder (copied under its manifest name)") { source, preset, dir, json };
        command.SetAction(parse =>
        {
            var store = new ModelStore(parse.GetValue(dir));
            try
            {
                var from = Path.GetFullPath(parse.GetValue(source)!);
                ModelManifest? manifest = null;
                if (parse.GetValue(preset) is { } presetName)
                    manifest = ModelPresets.Find(presetName)?.Manifest ?? throw new ModelException($"unknown preset '{presetName}' (see 'lookalike models list')");
                var installed = store.Add(from, manifest);
                // Opening it proves the ONNX file and the manifest's tensor names agree.
                using (new OnnxImageEmbedder(installed)) { }
                if (parse.GetValue(json)) Json.Write(new { installed });
                else Terminal.Out.MarkupLine($"Installed {Markup.Escape(installed)}");
                return 0;
            }
            catch (ModelException e)
            {
                Terminal.Line(e.Message);
                return 1;
            }
        });
        return command;
    }
}
