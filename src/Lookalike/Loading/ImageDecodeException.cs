using Lookalike.Files;

namespace Lookalike.Loading;

/// <summary>A file could not be read as an image; the message names the file and the reason (the file's own path, also
/// when libvips was given a <see cref="LibraryPath"/> for it).</summary>
public sealed class ImageDecodeException(string path, string reason, Exception? inner = null)
    : Exception($"{LibraryPath.Original(path)}: {reason}", inner)
{
    public string Path { get; } = LibraryPath.Original(path);
    public string Reason { get; } = reason;
}
