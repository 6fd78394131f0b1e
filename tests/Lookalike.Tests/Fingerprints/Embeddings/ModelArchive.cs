using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>A model folder packed as the .tar.gz archive <c>models pull</c> downloads, and its checksum.</summary>
internal static class ModelArchive
{
    public static byte[] Create(string folder)
    {
        using var tar = new MemoryStream();
        TarFile.CreateFromDirectory(folder, tar, includeBaseDirectory: false);
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(tar.ToArray());
        return gz.ToArray();
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
