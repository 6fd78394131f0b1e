using System.Security.Cryptography;
using System.Text;
using Lookalike.Catalog;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// Binds a trash manifest to its catalog: every line carries an HMAC-SHA256 made with a random key kept in the
/// catalog, so <c>undo</c> refuses a line someone planted or edited in the trash folder (which sits in the photo
/// folder, writable by whoever can write photos there) and a manifest that belongs to another catalog.
/// </summary>
public sealed class ManifestSeal(byte[] key)
{
    private const string MetaKey = "manifest_key";
    private const string Prefix = ",\"seal\":\"";
    private const int HexLength = 64;

    /// <summary>The catalog's seal, its key made on first use.</summary>
    public static ManifestSeal ForCatalog(ImageCatalog catalog) => new(Convert.FromHexString(catalog.Secret(MetaKey)));

    /// <summary>The record's JSON object with a last <c>"seal"</c> member over everything before it.</summary>
    public string Seal(string recordJson)
    {
        if (!recordJson.EndsWith('}')) throw new ArgumentException("not a JSON object", nameof(recordJson));
        return $"{recordJson[..^1]}{Prefix}{Mac(recordJson)}\"}}";
    }

    /// <summary>The record's JSON as it was sealed, or null when the line carries no seal or a wrong one.</summary>
    public string? Open(string line)
    {
        var sealAt = line.Length - 2 - HexLength - Prefix.Length;
        if (sealAt <= 0 || !line.EndsWith("\"}", StringComparison.Ordinal) || string.CompareOrdinal(line, sealAt, Prefix, 0, Prefix.Length) != 0)
            return null;
        var record = line[..sealAt] + "}";
        var given = line.AsSpan(sealAt + Prefix.Length, HexLength);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(record)), Encoding.ASCII.GetBytes(given.ToString()))
            ? record : null;
    }

    private string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}
