using System.Text.Json;
using Lookalike.Testing.Postgres;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary>The real CLI on a PostgreSQL catalog (LOOKALIKE_CATALOG), unchanged commands: index, tag, dupes with a trash
/// action, undo; the trash and manifests go to the LOOKALIKE_STATE folder.</summary>
public class PostgresCliTests
{
    [SkippableFact]
    public void CommandsWorkUnchangedOnAPostgresCatalogWithStateInTheStateFolder()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg", "china-q40.jpg", "flower.jpg");
        using var state = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["LOOKALIKE_CATALOG"] = PostgresServer.Shared.CreateDatabase("cli"),
            ["LOOKALIKE_STATE"] = state.Root,
        };
        LookalikeCli.Result Run(params string[] args)
        {
            var result = LookalikeCli.RunWith(environment, args);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: exit {result.ExitCode}\n{result.Stderr}");
            return result;
        }

        var indexed = JsonDocument.Parse(Run("index", photos.Root, "--model", "none", "--json").Stdout).RootElement;
        Assert.Equal((4, environment["LOOKALIKE_CATALOG"]), (indexed.GetProperty("indexed").GetInt32(), indexed.GetProperty("catalog").GetString()));
        Run("tag", "add", "cat", photos["flower.jpg"]);
        Assert.Contains("cat", Run("tag", "list", photos["flower.jpg"]).Stdout);
        Assert.False(Directory.Exists(photos[".lookalike"])); // nothing local beside the photos

        var moved = JsonDocument.Parse(Run("dupes", photos.Root, "--method", "phash", "--model", "none", "--json", "--action", "move-to-trash").Stdout).RootElement;
        var action = moved.GetProperty("action");
        Assert.Equal(2, action.GetProperty("done").GetArrayLength());
        Assert.StartsWith(Path.Combine(state.Root, "trash"), action.GetProperty("trash").GetString());
        Assert.Equal(2, Directory.GetFiles(photos.Root).Length);

        Run("undo", action.GetProperty("id").GetString()!);
        Assert.Equal(4, Directory.GetFiles(photos.Root).Length);
    }
}
