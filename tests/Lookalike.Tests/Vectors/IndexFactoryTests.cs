using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class IndexFactoryTests
{
    [Theory]
    [InlineData("Flat", typeof(FlatIndex))]
    [InlineData("F16", typeof(FlatIndex))]
    [InlineData("SQ8", typeof(FlatIndex))]
    [InlineData("HNSW32", typeof(HnswIndex))]
    [InlineData("IVF1024,Flat", typeof(IvfIndex))]
    [InlineData("IVF1024,PQ64", typeof(IvfIndex))]
    public void CreatesTheNamedIndex(string description, Type type)
    {
        using var index = IndexFactory.Create(description, 512);
        Assert.IsType(type, index);
        Assert.Equal(description, index.Description);
        Assert.Equal(512, index.Dimension);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void ParsesTheNumbers()
    {
        Assert.Equal(new IndexSpec(IndexKind.Ivf, "PQ", 0, 1024, 64), IndexFactory.Parse("IVF1024,PQ64"));
        Assert.Equal(new IndexSpec(IndexKind.Hnsw, "Flat", 16, 0, 0), IndexFactory.Parse(" HNSW16 "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HNSW")]
    [InlineData("HNSW1")]
    [InlineData("IVF0,Flat")]
    [InlineData("IVF1024")]
    [InlineData("IVF1024,PQ")]
    [InlineData("IVF1024,PQ0")]
    [InlineData("flat")]
    [InlineData("LSH")]
    public void RejectsBadDescriptionsNamingThem(string description)
    {
        var error = Assert.Throws<ArgumentException>(() => IndexFactory.Create(description, 64));
        Assert.Contains($"'{description}'", error.Message);
    }

    [Fact]
    public void RejectsPqThatDoesNotDivideTheDimension()
    {
        var error = Assert.Throws<ArgumentException>(() => IndexFactory.Create("IVF64,PQ60", 512));
        Assert.Contains("divisible", error.Message);
    }

    [Fact]
    public void ChoosesByCollectionSize()
    {
        Assert.Equal("Flat", IndexFactory.Choose(50_000, 512));
        Assert.Equal("HNSW32", IndexFactory.Choose(1_000_000, 512));
        Assert.Equal("HNSW32", IndexFactory.Choose(1_000_000, 512, memoryBudgetBytes: 8L << 30));
        Assert.Equal("IVF4096,PQ64", IndexFactory.Choose(1_000_000, 512, memoryBudgetBytes: 1L << 30));
    }

    [Fact]
    public void WrongQueryDimensionIsAClearError()
    {
        using var index = IndexFactory.Create("Flat", 8);
        var error = Assert.Throws<ArgumentException>(() => index.Search(new float[7], 1));
        Assert.Contains("7 dimensions", error.Message);
    }
}
