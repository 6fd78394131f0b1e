using System.Numerics.Tensors;
using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Search;

/// <summary><c>lookalike search --text</c> with a model that has a text tower (a generated CLIP of the preset's signature).</summary>
public sealed class TextSearchTests(GeneratedModels models) : IClassFixture<GeneratedModels>
{
    [Fact]
    public void TextQueriesRankImagesByTheTextTowersCosine()
    {
        var preset = ModelPresets.Find("openai-clip-vit-b-32")!;
        var model = models.For(preset);
        using var folder = new TempFolder().With("china.jpg", "flower.jpg", "coffee.gif", "chelsea.tif");
        Assert.Equal(0, LookalikeCli.Run("index", folder.Root, "--model", model).ExitCode);

        var run = LookalikeCli.Run("search", "--text", "a red flower", "--model", model, "--db", folder[".lookalike"], "-k", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal("a red flower", json.GetProperty("query").GetString());
        var results = json.GetProperty("results").EnumerateArray()
            .Select(r => (File: r.GetProperty("file").GetString()!, Score: r.GetProperty("score").GetDouble())).ToList();

        // The same ranking, computed here from the text tower and the catalog's vectors.
        using var text = new TextEmbedder(model);
        var query = text.EmbedText(["a red flower"])[0];
        using var catalog = ImageCatalog.Open(folder[".lookalike/catalog.db"]);
        var expected = catalog.GetEmbeddings(Fingerprinter.KeyOf(text.Model))
            .Select(e => (File: catalog.GetImage(e.Key)!.Path, Score: (double)TensorPrimitives.Dot(query, e.Value)))
            .OrderByDescending(e => e.Score).Take(2).ToList();
        Assert.Equal(expected.Select(e => e.File), results.Select(r => r.File));
        Assert.All(results.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 3));
    }
}
