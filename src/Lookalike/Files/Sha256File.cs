using System.Security.Cryptography;

namespace Lookalike.Files;

/// <summary>Lower-case hex SHA-256 of a file, the same form as <see cref="Catalog.ImageRecord.ContentHash"/>.</summary>
public static class Sha256File
{
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
