using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lookalike.Tests.Cli;

public class IndexCommandTests
{
    [Fact]
    public void SecondRunReportsEverythingUnchanged()
    {
        using var folder = new TempFolder().With("china.jpg", "flower.jpg", "coffee.gif");
        var first = JsonDocument.Parse(LookalikeCli.Run("index", folder.Root, "--json").Stdout).RootElement;
        Assert.Equal(3, first.GetProperty("fingerprinted").GetInt32());
        Assert.Equal(folder[".lookalike/catalog.db"], first.GetProperty("catalog").GetString());
        var second = JsonDocument.Parse(LookalikeCli.Run("index", folder.Root, "--json").Stdout).RootElement;
        Assert.Equal((3, 0), (second.GetProperty("unchanged").GetInt32(), second.GetProperty("fingerprinted").GetInt32()));
    }

    [Fact]
    public void DatabaseDirectoryCanBeChosen()
    {
        using var folder = new TempFolder().With("china.jpg");
        using var db = new TempFolder();
        Assert.Equal(0, LookalikeCli.Run("index", folder.Root, "--db", db.Root).ExitCode);
        Assert.True(File.Exists(db["catalog.db"]));
        Assert.False(Directory.Exists(folder[".lookalike"]));
    }

    [Fact]
    public void UnwritableCatalogLocationIsAClearError()
    {
        using var folder = new TempFolder().With("china.jpg");
        File.WriteAllText(folder["blocker"], "a file where the catalog folder should go");
        var result = LookalikeCli.Run("index", folder.Root, "--db", folder["blocker/db"]);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("cannot open the catalog", result.Stderr);
        Assert.Contains("--db", result.Stderr);
    }

    [Fact]
    public void KillingTheIndexerMidRunLosesNothingCommitted()
    {
        using var folder = new TempFolder();
        foreach (var photo in Directory.GetFiles(TestFiles.SharedPhotos, "*.*").Where(f => !f.EndsWith(".tsv") && !f.EndsWith(".md")))
            File.Copy(photo, folder[Path.GetFileName(photo)]);
        var total = Directory.GetFiles(folder.Root).Length;

        using (var process = LookalikeCli.Start("index", folder.Root))
        {
            // Kill once the first batch is committed (or the run is over).
            var db = folder[".lookalike/catalog.db"];
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!process.HasExited && CountImages(db) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(20);
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var committed = CountImages(folder[".lookalike/catalog.db"]);
        Assert.True(committed > 0);

        var rerun = JsonDocument.Parse(LookalikeCli.Run("index", folder.Root, "--json").Stdout).RootElement;
        Assert.Equal(committed, rerun.GetProperty("unchanged").GetInt32());
        Assert.Equal(total, rerun.GetProperty("indexed").GetInt32());
        Assert.Equal(total - committed, rerun.GetProperty("fingerprinted").GetInt32());
        Assert.Equal(total - committed, rerun.GetProperty("embedded").GetInt32()); // images are written with their embeddings
        SystemSqlite.Use();
        using var check = new SqliteConnection($"Data Source={folder[".lookalike/catalog.db"]};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
    }

    private static long CountImages(string db)
    {
        if (!File.Exists(db)) return 0;
        SystemSqlite.Use();
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM images";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }
}
