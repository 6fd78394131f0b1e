using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Files;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Ingest;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Catalog;

/// <summary>
/// What every catalog backend does the same: one suite, run against a SQLite file (<see cref="SqliteCatalogTests"/>) and a
/// real PostgreSQL server (<see cref="PostgresCatalogTests"/>). A backend only says how to make an empty catalog.
/// </summary>
public abstract class CatalogContract : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private protected TempFolder Folder { get; } = new();

    /// <summary>The address of a new, empty catalog (a file path or a postgres:// URL).</summary>
    protected abstract string NewCatalog();

    protected ImageCatalog Open(string address) => Own(ImageCatalog.Open(address, Folder["state"]));

    private T Own<T>(T item) where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in _owned) item.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    private static ImageRecord Record(string path, string hash = "aa", bool damaged = false, DateTime? exif = null, string? camera = null) =>
        new(0, path, 1234, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), hash, 640, 480, "jpeg", exif, camera, damaged);

    private static ImageHashes Hashes(ulong seed) =>
        new(seed, ulong.MaxValue - seed, 0x8000_0000_0000_0001UL ^ seed, seed * 3, seed * 5, TurnedPHashes.FromArray([1, 2, 3, 4, 5, ulong.MaxValue, seed]));

    [SkippableFact]
    public void ImagesRoundTripAndAreReplacedByPathKeepingTheirId()
    {
        var catalog = Open(NewCatalog());
        var exif = new DateTime(2020, 1, 2, 3, 4, 5);
        var a = catalog.PutImage(Record("/p/b.jpg", "h1", damaged: true, exif, "Fuji X100"), Hashes(1));
        var b = catalog.PutImage(Record("/p/a.jpg", "h2"), Hashes(2));
        var c = catalog.PutImage(Record("/q/c.jpg", "h1"), Hashes(3));
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());

        var read = catalog.GetImage(a)!;
        Assert.Equal(Record("/p/b.jpg", "h1", damaged: true, exif, "Fuji X100") with { Id = a }, read);
        Assert.Null(catalog.FindByPath("/p/a.jpg")!.Camera);
        Assert.Equal(["/p/a.jpg", "/p/b.jpg", "/q/c.jpg"], catalog.GetImages().Select(i => i.Path));
        Assert.Equal(["/p/a.jpg", "/p/b.jpg"], catalog.GetImages(["/p"]).Select(i => i.Path));
        Assert.Equal([a, c], catalog.FindByContentHash("h1").Select(i => i.Id).Order());
        Assert.Null(catalog.GetImage(999_999));

        catalog.PutEmbedding(a, "m@1", [1, 0]);
        Assert.Equal(a, catalog.PutImage(Record("/p/b.jpg", "h9"), Hashes(9)));
        Assert.Equal("h9", catalog.GetImage(a)!.ContentHash);
        Assert.Null(catalog.GetEmbedding(a, "m@1")); // it described the old pixels
        Assert.Equal(Hashes(9), catalog.GetHashes()[a]);
        Assert.Equal(Hashes(2), catalog.GetHashes()[b]);
    }

    [SkippableFact]
    public void EmbeddingsCountGenerationsAndReportWhatChangedSince()
    {
        var catalog = Open(NewCatalog());
        var a = catalog.PutImage(Record("/a.jpg"), Hashes(1));
        var b = catalog.PutImage(Record("/b.jpg"), Hashes(2));
        Assert.Equal(0, catalog.EmbeddingGeneration("m@1"));
        catalog.PutEmbedding(a, "m@1", [0.6f, 0.8f]);
        var afterA = catalog.EmbeddingGeneration("m@1");
        catalog.PutEmbedding(b, "m@1", [1, 0]);
        catalog.PutEmbedding(b, "other@1", [0, 1]);
        Assert.True(catalog.EmbeddingGeneration("m@1") > afterA);
        Assert.Equal([a, b], catalog.GetEmbeddedIds("m@1").Order());
        Assert.Equal([b], catalog.GetEmbeddingsWrittenAfter("m@1", afterA).Keys);
        Assert.Equal(0.6f, catalog.GetEmbedding(a, "m@1")![0], 3);
        Assert.Equal([0f, 1f], catalog.GetEmbeddings("other@1")[b]);

        catalog.PutEmbedding(a, "m@1", [0, 1]); // replaced: counted as a new write
        var replaced = catalog.EmbeddingGeneration("m@1");
        Assert.Equal([a, b], catalog.GetEmbeddingsWrittenAfter("m@1", afterA).Keys.Order());
        catalog.RemoveImage(a);
        Assert.True(catalog.EmbeddingGeneration("m@1") > replaced);
        Assert.Equal([b], catalog.GetEmbeddings("m@1").Keys);
        Assert.Empty(catalog.GetEmbeddingsWrittenAfter("m@1", catalog.EmbeddingGeneration("m@1")));
        Assert.False(catalog.GetHashes().ContainsKey(a));
    }

    [SkippableFact]
    public void FailuresMovesAndTransactions()
    {
        var catalog = Open(NewCatalog());
        var stamp = new FileStamp(10, new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        catalog.RecordFailure("/bad.jpg", stamp, "truncated");
        catalog.RecordFailure("/bad.jpg", stamp, "still truncated");
        Assert.Equal((stamp, "still truncated"), catalog.GetFailures()["/bad.jpg"]);
        var id = catalog.PutImage(Record("/bad.jpg"), Hashes(4));
        Assert.Empty(catalog.GetFailures()); // a file that reads now is no longer a failure

        catalog.PutEmbedding(id, "m@1", [1, 0]);
        catalog.MoveImage(id, "/moved.jpg", stamp);
        Assert.Null(catalog.FindByPath("/bad.jpg"));
        Assert.Equal((id, 10L), (catalog.FindByPath("/moved.jpg")!.Id, catalog.FindByPath("/moved.jpg")!.Size));
        Assert.NotNull(catalog.GetEmbedding(id, "m@1"));

        using (catalog.BeginTransaction()) catalog.PutImage(Record("/rolled-back.jpg"), Hashes(5));
        Assert.Null(catalog.FindByPath("/rolled-back.jpg"));
        using (var committed = catalog.BeginTransaction())
        {
            catalog.PutImage(Record("/kept.jpg"), Hashes(6));
            committed.Commit();
        }
        Assert.NotNull(catalog.FindByPath("/kept.jpg"));
    }

    [SkippableFact]
    public void TagsMetadataDecisionsAndSecrets()
    {
        var address = NewCatalog();
        var catalog = Open(address);
        var a = catalog.PutImage(Record("/a.jpg"), Hashes(1));
        var b = catalog.PutImage(Record("/b.jpg"), Hashes(2));
        var tags = new ImageTags(catalog);
        Assert.True(tags.Add(a, "Zebra"));
        Assert.False(tags.Add(a, "Zebra"));
        tags.Add(a, "apple");
        tags.Add(b, "apple");
        Assert.Equal([("Zebra", 1), ("apple", 2)], tags.Counts()); // byte order, as SQLite sorts
        Assert.True(tags.Remove(a, "Zebra"));
        Assert.False(tags.Remove(a, "Zebra"));
        Assert.Equal([a, b], tags.IdsWithTag("apple").Order());
        tags.SetValue(a, "camera", "x100");
        tags.SetValue(a, "camera", "d750");
        tags.SetValue(b, "camera", "d750");
        Assert.Equal("d750", tags.ValuesOf(a)["camera"]);
        Assert.Equal([a, b], tags.IdsWithValue("camera", "d750").Order());

        var decisions = new DecisionStore(catalog);
        string h1 = new('1', 64), h2 = new('2', 64);
        decisions.Record(h2, h1, DuplicateDecision.NotDuplicates, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        decisions.Record(h1, h2, DuplicateDecision.KeepBoth, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var only = Assert.Single(decisions.All());
        Assert.Equal((h1, h2, DuplicateDecision.KeepBoth), (only.HashA, only.HashB, only.Decision));
        Assert.True(decisions.Forget(h2, h1));
        Assert.Empty(decisions.All());

        var secret = catalog.Secret("seal");
        Assert.Equal(64, secret.Length);
        catalog.RemoveImage(a);
        Assert.Equal([b], tags.IdsWithTag("apple"));
        Assert.Empty(tags.ValuesOf(a));
        Assert.Equal(secret, Open(address).Secret("seal"));
    }

    [SkippableFact]
    public void IndexerFillsItAndAnUnchangedFolderIsNotReadAgain()
    {
        var catalog = Open(NewCatalog());
        using var photos = new TempFolder().With("china.jpg", "china-q40.jpg", "flower.jpg", "not-an-image.jpg");
        var first = new ImageIndexer(catalog).Index([photos.Root]);
        Assert.Equal((3, 1), (first.Fingerprinted, first.Problems.Count));
        File.Move(photos["flower.jpg"], photos["renamed.jpg"]);
        var second = new ImageIndexer(catalog).Index([photos.Root]);
        Assert.Equal((0, 1, 2, 0), (second.Fingerprinted, second.Recognised, second.Unchanged, second.Removed));
        Assert.Equal(["china-q40.jpg", "china.jpg", "renamed.jpg"], catalog.GetImages().Select(i => Path.GetFileName(i.Path)));
        Assert.Single(catalog.GetFailures());
    }

    [SkippableFact]
    public void ReopeningKeepsEverythingAndANewerSchemaIsRefused()
    {
        var address = NewCatalog();
        var id = Open(address).PutImage(Record("/a.jpg"), Hashes(7));
        var again = Open(address);
        Assert.Equal(Hashes(7), again.GetHashes()[id]);
        using (var bump = again.Connection.CreateCommand())
        {
            bump.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            bump.ExecuteNonQuery();
        }
        var error = Assert.Throws<CatalogException>(() => Open(address));
        Assert.Contains("newer Lookalike", error.Message);
    }
}

public sealed class SqliteCatalogTests : CatalogContract
{
    private int _catalogs;

    protected override string NewCatalog() => Folder[$"catalog{++_catalogs}/{ImageCatalog.FileName}"];
}
