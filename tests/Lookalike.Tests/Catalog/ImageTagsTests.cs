using Lookalike.Catalog;
using Lookalike.Ingest;
using Lookalike.Search;
using Lookalike.Tests.Search;
using Microsoft.Data.Sqlite;

namespace Lookalike.Tests.Catalog;

/// <summary>Tags and metadata in the catalog, the filters built on them, and the schema upgrade that added them.</summary>
public class ImageTagsTests
{
    [Fact]
    public void TagsAndValuesSelectImagesAndGoWithTheirImage()
    {
        using var data = new CatalogWithVectors();
        var ids = data.AddImages(4);
        var tags = new ImageTags(data.Catalog);
        Assert.True(tags.Add(ids[0], " cat "));
        Assert.False(tags.Add(ids[0], "cat"));
        tags.Add(ids[1], "cat");
        tags.Add(ids[1], "garden");
        tags.SetValue(ids[1], "camera", "x100");
        tags.SetValue(ids[2], "camera", "x100");
        tags.SetValue(ids[2], "camera", "d750");
        Assert.Equal([("cat", 2), ("garden", 1)], tags.Counts());
        Assert.Equal(["cat", "garden"], tags.Of(ids[1]));
        Assert.Equal("d750", tags.ValuesOf(ids[2])["camera"]);
        Assert.Throws<ArgumentException>(() => tags.Add(ids[0], "  "));

        var filter = new ImageFilter(["cat"], null, [ImageFilter.ParseCondition("camera=x100")]);
        Assert.Equal([ids[1]], filter.Select(data.Catalog)!);
        Assert.Null(ImageFilter.All.Select(data.Catalog));
        Assert.Equal(new KeyValuePair<string, string>("a", "b=c"), ImageFilter.ParseCondition("a=b=c"));

        Assert.True(tags.Remove(ids[0], "cat"));
        Assert.False(tags.Remove(ids[0], "cat"));
        data.Catalog.RemoveImage(ids[1]);
        Assert.Empty(tags.IdsWithTag("cat"));
        Assert.Empty(tags.IdsWithValue("camera", "x100"));
    }

    [Fact]
    public void VersionTwoCatalogKeepsItsImagesAndEmbeddingsWhenUpgraded()
    {
        using var data = new CatalogWithVectors();
        var ids = data.AddImages(3);
        var path = data.Catalog.DatabasePath;
        var vector = data.Catalog.GetEmbedding(ids[0], CatalogWithVectors.Model);
        data.Catalog.Dispose();
        // Back to what a version 2 catalog holds: no tag, metadata or stamp tables, no triggers.
        using (var v2 = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            v2.Open();
            using var downgrade = v2.CreateCommand();
            downgrade.CommandText = """
                DROP TRIGGER embeddings_written; DROP TRIGGER embeddings_deleted;
                DROP TABLE tags; DROP TABLE metadata; DROP TABLE embedding_generations; DROP TABLE embedding_stamps;
                UPDATE meta SET value = '2' WHERE key = 'schema_version';
                """;
            downgrade.ExecuteNonQuery();
        }
        using var upgraded = ImageCatalog.Open(path);
        Assert.Equal(3, upgraded.GetImages().Count);
        Assert.Equal(vector, upgraded.GetEmbedding(ids[0], CatalogWithVectors.Model));
        Assert.True(new ImageTags(upgraded).Add(ids[0], "kept"));
        // Embeddings from before the upgrade read as generation 0; new writes count from there.
        Assert.Equal(0, upgraded.EmbeddingGeneration(CatalogWithVectors.Model));
        upgraded.PutEmbedding(ids[1], CatalogWithVectors.Model, vector);
        Assert.Equal([ids[1]], upgraded.GetEmbeddingsWrittenAfter(CatalogWithVectors.Model, 0).Keys);
    }

    [Fact]
    public void FilesAreTaggedByPathAndUnknownOnesNamed()
    {
        using var data = new CatalogWithVectors();
        var a = data.Put("photos/a.jpg", data.NewVector());
        data.Put("photos/b.jpg", data.NewVector());
        string[] paths = [Path.Combine(data.Root, "photos/a.jpg"), Path.Combine(data.Root, "photos/b.jpg"), Path.Combine(data.Root, "photos/nope.jpg")];
        var tags = new ImageTags(data.Catalog);
        tags.Add(a, "red");
        tags.SetValue(a, "kind", "plant");

        var added = tags.AddTo(paths, " red ");
        Assert.Equal("red", added.Tag);
        Assert.Equal([paths[1]], added.Changed);
        Assert.Equal([paths[0]], added.Unchanged);
        Assert.Equal([paths[2]], added.NotCataloged);
        var removed = tags.RemoveFrom(paths[..1], "red");
        Assert.Equal([paths[0]], removed.Changed);
        Assert.Throws<BadInputException>(() => tags.AddTo(paths, "two\nlines"));

        var listing = tags.Describe(paths);
        Assert.Equal([(paths[0], "", "kind=plant"), (paths[1], "red", "")],
            listing.Files.Select(f => (f.File, string.Join(",", f.Tags), string.Join(",", f.Metadata.Select(m => $"{m.Key}={m.Value}")))));
        Assert.Equal([paths[2]], listing.NotCataloged);
    }

    [Fact]
    public void ImportAppliesGoodRowsAndReportsTheRest()
    {
        using var data = new CatalogWithVectors();
        var a = data.Put("photos/a.jpg", data.NewVector());
        var b = data.Put("photos/b.jpg", data.NewVector());
        var csv = Path.Combine(data.Root, "tags.csv");
        File.WriteAllText(csv, $"File,Tag\r\nphotos/a.jpg,beach\r\n\"{Path.Combine(data.Root, "photos/b.jpg")}\",\"sea, \"\"blue\"\"\"\nphotos/missing.jpg,beach\nphotos/a.jpg\n");
        var report = TagImport.Apply(data.Catalog, csv);
        Assert.Equal((1 + 1, 0), (report.Tagged, report.ValuesSet));
        Assert.Equal([(4, Path.Combine(data.Root, "photos/missing.jpg")), (5, (string?)null)], report.Problems.Select(p => (p.Line, p.File)));
        Assert.Equal(ImageTags.NotCataloged, report.Problems[0].Reason);
        var tags = new ImageTags(data.Catalog);
        Assert.Equal(["beach"], tags.Of(a));
        Assert.Equal(["sea, \"blue\""], tags.Of(b));

        File.WriteAllText(csv, "file,key,value\nphotos/a.jpg,place,Brighton\n");
        Assert.Equal(1, TagImport.Apply(data.Catalog, csv).ValuesSet);
        Assert.Equal("Brighton", tags.ValuesOf(a)["place"]);

        File.WriteAllText(csv, "path,label\n");
        Assert.Contains("neither 'file,tag' nor 'file,key,value'", Assert.Throws<BadInputException>(() => TagImport.Apply(data.Catalog, csv)).Message);
    }
}
