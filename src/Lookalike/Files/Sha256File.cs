using System.Security.Cryptography;

namespace Lookalike.Files;

/// <summary>Lower-case hex SHA-256 of a file, the same form as <see cref="Catalog.ImageRecord.ContentHash"/>.</summary>
public static class Sha256File
{
    /// <exception cref="IOException">Not a regular file or above <paramref name="maxBytes"/> (see <see cref="RegularFile.OpenRead"/>).</exception>
    public static string Of(string path, long maxBytes = RegularFile.DefaultMaxBytes)
    {
        using var stream = RegularFile.OpenRead(path, maxBytes);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
