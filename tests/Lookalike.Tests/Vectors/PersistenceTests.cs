using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class PersistenceTests
{
    private static readonly IndexTestData Data = new(count: 2000);

    [Theory]
    [InlineData("Flat")]
    [InlineData("F16")]
    [InlineData("SQ8")]
    [InlineData("HNSW16")]
    [InlineData("IVF16,Flat")]
    [InlineData("IVF16,PQ8")]
    public void SaveAndLoadGiveTheSameAnswers(string description)
    {
        using var file = new TempFile();
        using var built = Data.Build(description);
        built.Remove(Data.Ids[5]);
        built.Save(file.Path);
        using var loaded = VectorIndex.Load(file.Path);
        Assert.Equal(description, loaded.Description);
        Assert.Equal(built.Count, loaded.Count);
        Assert.Equal(built.Ids.Order(), loaded.Ids.Order());
        for (var q = 0; q < Data.QueryCount; q++)
            Assert.Equal(built.Search(Data.Query(q), 10), loaded.Search(Data.Query(q), 10));
    }

    [Theory]
    [InlineData("HNSW16")]
    [InlineData("IVF16,PQ8")]
    public void AnIdAddedAgainSurvivesSaveAndLoad(string description)
    {
        using var file = new TempFile();
        using var built = Data.Build(description);
        built.Add([Data.Ids[7]], Data.Query(0));
        built.Save(file.Path);
        using var loaded = VectorIndex.Load(file.Path);
        Assert.Equal(Data.Ids.Length, loaded.Count);
        var stored = new float[Data.Dimension];
        Assert.True(loaded.TryGetVector(Data.Ids[7], stored));
        Assert.Equal(Data.Query(0).ToArray(), stored);
    }

    [Fact]
    public void LoadedIndexAcceptsMoreVectors()
    {
        using var file = new TempFile();
        using (var built = IndexFactory.Create("HNSW16", Data.Dimension))
        {
            built.Add(Data.Ids.AsSpan(0, 1000), Data.Vectors.AsSpan(0, 1000 * Data.Dimension));
            built.Save(file.Path);
        }
        using var loaded = VectorIndex.Load(file.Path);
        loaded.Add(Data.Ids.AsSpan(1000), Data.Vectors.AsSpan(1000 * Data.Dimension));
        Assert.Equal(Data.Ids.Length, loaded.Count);
        Assert.InRange(Data.RecallAt(loaded, 10), 0.95, 1.0);
    }

    [Fact]
    public void LoadingSomethingElseNamesTheFile()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "not an index at all");
        var error = Assert.Throws<InvalidDataException>(() => VectorIndex.Load(file.Path));
        Assert.Contains(file.Path, error.Message);
    }

    [Fact]
    public void LoadingATruncatedFileNamesTheFile()
    {
        using var file = new TempFile();
        using (var built = Data.Build("Flat")) built.Save(file.Path);
        var bytes = File.ReadAllBytes(file.Path);
        File.WriteAllBytes(file.Path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => VectorIndex.Load(file.Path));
        Assert.Contains(file.Path, error.Message);
    }
}
