using Lookalike.Catalog;
using Lookalike.Ingest;
using Lookalike.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lookalike.Tests.Catalog;

public class ImageCatalogTests
{
    [Fact]
    public void OlderCatalogIsUpgradedAndRefingerprinted()
    {
        using var folder = new TempFolder().With("china.jpg");
        var db = folder["catalog.db"];
        SystemSqlite.Use();
        using (var v1 = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            v1.Open();
            using var create = v1.CreateCommand();
            create.CommandText = """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO meta VALUES ('schema_version', '1');
                CREATE TABLE images (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, mtime_ticks INTEGER NOT NULL,
                    content_hash TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, format TEXT NOT NULL, exif_date TEXT, camera TEXT);
                CREATE TABLE hashes (image_id INTEGER PRIMARY KEY, ahash INTEGER NOT NULL, dhash INTEGER NOT NULL, phash INTEGER NOT NULL,
                    whash INTEGER NOT NULL, colorhash INTEGER NOT NULL);
                INSERT INTO images VALUES (1, '/old/a.jpg', 1, 1, 'x', 1, 1, 'jpeg', NULL, NULL);
                INSERT INTO hashes VALUES (1, 1, 2, 3, 4, 5);
                """;
            create.ExecuteNonQuery();
        }
        using var catalog = ImageCatalog.Open(db);
        Assert.Empty(catalog.GetImages());
        var report = new ImageIndexer(catalog).Index([folder.Root]);
        Assert.Equal(1, report.Fingerprinted);
        Assert.Single(catalog.GetHashes());
    }

    [Fact]
    public void Version3CatalogIsRehashedInPlaceKeepingIdsAndTags()
    {
        // v4 hashes the content inside flat margins: a v3 catalog's hashes are stale and every file is decoded again.
        using var folder = new TempFolder().With("china.jpg", "china-q40.jpg");
        var db = folder["catalog.db"];
        long id;
        using (var catalog = ImageCatalog.Open(db))
        {
            new ImageIndexer(catalog).Index([folder.Root]);
            id = catalog.FindByPath(folder["china.jpg"])!.Id;
            new ImageTags(catalog).Add(id, "holiday");
            using var downgrade = catalog.Connection.CreateCommand();
            downgrade.CommandText = "UPDATE meta SET value = '3' WHERE key = 'schema_version'; UPDATE hashes SET phash = 0;";
            downgrade.ExecuteNonQuery();
        }
        using (var catalog = ImageCatalog.Open(db))
        {
            var report = new ImageIndexer(catalog).Index([folder.Root]);
            Assert.Equal((2, 0, 0), (report.Fingerprinted, report.Recognised, report.Unchanged));
            Assert.Equal(id, catalog.FindByPath(folder["china.jpg"])!.Id);
            Assert.Equal(["holiday"], new ImageTags(catalog).Of(id));
            Assert.All(catalog.GetHashes().Values, h => Assert.NotEqual(0UL, h.PHash));
            Assert.Equal(2, new ImageIndexer(catalog).Index([folder.Root]).Unchanged);
        }
    }

    [Fact]
    public void Version4CatalogKeepsItsDecisionsAndGainsTheTableWhenItHadNone()
    {
        // Before v5 the decision store created dedup_decisions itself, on first use: some v4 files have it, some not.
        using var folder = new TempFolder();
        var (withTable, withoutTable) = (folder["with/catalog.db"], folder["without/catalog.db"]);
        using (var catalog = ImageCatalog.Open(withTable))
        {
            new Lookalike.Dedup.Decisions.DecisionStore(catalog).Record(new string('a', 64), new string('b', 64), Lookalike.Dedup.Decisions.DuplicateDecision.KeepBoth);
            Execute(catalog, "UPDATE meta SET value = '4' WHERE key = 'schema_version'");
        }
        using (var catalog = ImageCatalog.Open(withoutTable))
            Execute(catalog, "DROP TABLE dedup_decisions; UPDATE meta SET value = '4' WHERE key = 'schema_version'");

        using (var catalog = ImageCatalog.Open(withTable))
        {
            Assert.Single(new Lookalike.Dedup.Decisions.DecisionStore(catalog).All());
            Assert.Equal($"{CatalogSchema.Version}", Scalar(catalog, "SELECT value FROM meta WHERE key = 'schema_version'"));
        }
        using (var catalog = ImageCatalog.Open(withoutTable))
            Assert.Empty(new Lookalike.Dedup.Decisions.DecisionStore(catalog).All());
    }

    private static void Execute(ImageCatalog catalog, string sql)
    {
        using var command = catalog.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(ImageCatalog catalog, string sql)
    {
        using var command = catalog.Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void NewerCatalogIsRefused()
    {
        using var folder = new TempFolder();
        using (var catalog = ImageCatalog.Open(folder["catalog.db"]))
        {
            using var bump = catalog.Connection.CreateCommand();
            bump.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            bump.ExecuteNonQuery();
        }
        var error = Assert.Throws<CatalogException>(() => ImageCatalog.Open(folder["catalog.db"]));
        Assert.Contains("newer Lookalike", error.Message);
    }
}
