using Spectre.Console;
using Spectre.Console.Rendering;

namespace Lookalike.Cli.Output;

/// <summary>A progress column showing throughput in files per second.</summary>
internal sealed class FilesPerSecondColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? $"{speed,7:0.0} files/s" : "        files/s", new Style(Color.Grey));
}
