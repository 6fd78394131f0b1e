namespace Lookalike.Loading;

/// <summary>A file could not be read as an image; the message names the file and the reason.</summary>
public sealed class ImageDecodeException(string path, string reason, Exception? inner = null)
    : Exception($"{path}: {reason}", inner)
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
