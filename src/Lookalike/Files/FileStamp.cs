namespace Lookalike.Files;

/// <summary>Size and modification time: what tells, without reading a file, that it changed.</summary>
public readonly record struct FileStamp(long Size, DateTime ModifiedUtc)
{
    public static FileStamp Of(FileInfo file) => new(file.Length, file.LastWriteTimeUtc);

    public static FileStamp Of(string path) => Of(new FileInfo(path));
}
