using Lookalike.Catalog;
using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// Refuses to act on a file that is no longer what the catalog fingerprinted: size and modification time
/// are compared first (cheap), then the SHA-256, which is the check that really decides.
/// </summary>
public static class FileChangeCheck
{
    /// <summary>Null when <paramref name="record"/> still describes the file on disk, else why not (naming the file).</summary>
    public static string? WhyChanged(ImageRecord record, IFileSystemCalls fs)
    {
        var status = fs.Status(record.Path);
        if (status is not { } s) return $"{record.Path}: missing since it was fingerprinted";
        if (s.IsSymbolicLink) return $"{record.Path}: is now a symbolic link";
        if (s.Size != record.Size) return $"{record.Path}: size changed since it was fingerprinted ({record.Size} -> {s.Size} bytes)";
        var cataloged = DateTime.SpecifyKind(record.ModifiedUtc, DateTimeKind.Utc);
        if (!new FileStamp(s.Size, s.ModifiedUtc).IsSameAs(record.Stamp))
            return $"{record.Path}: modified since it was fingerprinted ({cataloged:u} -> {s.ModifiedUtc:u})";
        if (!string.Equals(Sha256File.Of(record.Path), record.ContentHash, StringComparison.OrdinalIgnoreCase))
            return $"{record.Path}: content changed since it was fingerprinted (SHA-256 differs)";
        return null;
    }
}
