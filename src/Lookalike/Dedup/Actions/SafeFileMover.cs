using System.Security.Cryptography;
using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// Moves and keeps copies of files without ever losing bytes: a rename where the file system allows it,
/// otherwise (EXDEV, across file systems) copy to a temporary name, fsync, verify the SHA-256 of what landed
/// against the source, carry over mode and nanosecond modification time, rename into place, and only then
/// delete the source.
/// </summary>
public sealed class SafeFileMover(IFileSystemCalls fs)
{
    public IFileSystemCalls FileSystem => fs;

    /// <summary>Moves <paramref name="from"/> to <paramref name="to"/> (which must not exist); creates the destination folder.</summary>
    public void Move(string from, string to) => SameFileSystemOrCopy(from, to, fs.RenameNoReplace, deleteSourceAfterCopy: true);

    /// <summary>
    /// Makes <paramref name="to"/> hold the same bytes and modification time as <paramref name="from"/>, leaving
    /// <paramref name="from"/> in place: a hard link on the same file system (no copy), else a verified copy.
    /// </summary>
    public void Preserve(string from, string to) => SameFileSystemOrCopy(from, to, fs.HardLink, deleteSourceAfterCopy: false);

    private void SameFileSystemOrCopy(string from, string to, Action<string, string> sameFileSystem, bool deleteSourceAfterCopy)
    {
        RawFiles.CreateFolder(Path.GetDirectoryName(to)!);
        try
        {
            sameFileSystem(from, to);
        }
        catch (CrossDeviceException)
        {
            CopyVerified(from, to);
            if (deleteSourceAfterCopy) RawFiles.Delete(from);
        }
    }

    private void CopyVerified(string from, string to)
    {
        if (fs.Status(to) != null) throw new IOException($"'{to}' already exists");
        var source = fs.Status(from) ?? throw new FileNotFoundException($"'{from}' does not exist", from);
        var partial = TemporarySibling(to);
        try
        {
            string sourceHash;
            using (var input = RegularFile.OpenRead(from))
            using (var output = RawFiles.CreateNew(partial))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }
                output.Flush(flushToDisk: true);
                sourceHash = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(output.SafeFileHandle, File.GetUnixFileMode(input.SafeFileHandle));
            }
            // Read back what the destination file system actually stored.
            if (Sha256File.Of(partial) != sourceHash)
                throw new IOException($"copy of '{from}' to '{to}' does not verify (SHA-256 differs); source kept");
            fs.SetModified(partial, source.ModifiedSeconds, source.ModifiedNanoseconds);
            fs.RenameNoReplace(partial, to);
        }
        catch
        {
            RawFiles.Delete(partial);
            throw;
        }
    }

    /// <summary>A unique name in the same folder, so a later rename onto <paramref name="path"/> stays on one file system.</summary>
    public static string TemporarySibling(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.lookalike-{Guid.NewGuid():N}.tmp");
}
