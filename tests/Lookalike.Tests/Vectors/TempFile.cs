namespace Lookalike.Tests.Vectors;

/// <summary>A path in a fresh temporary folder, deleted with it.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lookalike-index-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "index.lkix");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
