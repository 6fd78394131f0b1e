using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class VectorFileTests
{
    private static readonly IndexTestData Data = new(count: 500, dimension: 48);

    [Fact]
    public void Float32RoundTripsExactly()
    {
        using var file = new TempFile();
        VectorFile.Write(file.Path, Data.Vectors, Data.Dimension);
        using var vectors = VectorFile.Open(file.Path);
        Assert.Equal((500, 48, VectorElement.Float32), (vectors.Count, vectors.Dimension, vectors.Element));
        for (var i = 0; i < vectors.Count; i += 37) Assert.True(vectors.Row(i).SequenceEqual(Data.Vector(i)));
    }

    [Fact]
    public void Float16RoundTripsWithinHalfPrecision()
    {
        using var file = new TempFile();
        VectorFile.Write(file.Path, Data.Vectors, Data.Dimension, VectorElement.Float16);
        using var vectors = VectorFile.Open(file.Path);
        Assert.Equal(VectorElement.Float16, vectors.Element);
        var row = new float[Data.Dimension];
        vectors.Read(123, row);
        for (var d = 0; d < row.Length; d++) Assert.Equal(Data.Vector(123)[d], row[d], 0.002);
        Assert.Throws<InvalidOperationException>(() => vectors.Row(0).Length);
    }

    [Fact]
    public void TruncatedFileIsRejectedNamingIt()
    {
        using var file = new TempFile();
        VectorFile.Write(file.Path, Data.Vectors, Data.Dimension);
        var bytes = File.ReadAllBytes(file.Path);
        File.WriteAllBytes(file.Path, bytes[..^100]);
        var error = Assert.Throws<InvalidDataException>(() => VectorFile.Open(file.Path));
        Assert.Contains(file.Path, error.Message);
    }
}
