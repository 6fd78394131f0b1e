using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Downloads a model into the models directory: a model archive (.tar.gz of a model folder; resumes a partial
/// download with HTTP Range on NAME.tar.gz.part, checks the sha256 before unpacking) or a preset's published export
/// (file by file, see <see cref="PullExportAsync"/>), and reports progress.
/// Network failures become a <see cref="ModelException"/> that says the machine looks offline.
/// </summary>
public sealed class ModelDownloader(HttpClient http, ModelStore store)
{
    /// <summary>Bytes received so far and the total when the server said it.</summary>
    public readonly record struct Progress(long Received, long? Total);

    /// <returns>The installed model folder.</returns>
    public async Task<string> PullAsync(string name, ModelDownload download, IProgress<Progress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(store.Directory);
        var archive = Path.Combine(store.Directory, name + ".tar.gz");
        var partial = archive + ".part";
        await FetchAsync(download.Url, partial, progress, cancellation);

        var actual = await Sha256Async(partial, cancellation);
        if (!string.Equals(actual, download.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial); // a corrupt file must not be resumed
            throw new ModelException($"{download.Url}: checksum mismatch: expected sha256 {download.Sha256.ToLowerInvariant()}, got {actual}. The download was discarded.");
        }
        File.Move(partial, archive, overwrite: true);
        try
        {
            return Install(name, archive);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>File that records each downloaded file's sha256 and size in an installed model folder (sha256sum format plus size).</summary>
    public const string ChecksumFile = "SHA256SUMS";

    /// <summary>How a downloaded file's checksum was established.</summary>
    public enum ChecksumOrigin { Pinned, MatchesFirstDownload, FirstDownload }

    public sealed record PulledFile(string Path, string Sha256, long Bytes, ChecksumOrigin Origin);

    public sealed record PulledModel(string Directory, IReadOnlyList<PulledFile> Files);

    /// <summary>
    /// Downloads a preset's published export file by file into NAME.download/ (each resumable), checks every file
    /// against its pinned sha256, else against the one recorded by an earlier complete download (SHA256SUMS in the
    /// installed folder), else records it; then writes the preset's manifest and replaces the installed folder.
    /// </summary>
    public async Task<PulledModel> PullExportAsync(ModelPreset preset, IProgress<Progress>? progress = null, CancellationToken cancellation = default)
    {
        var export = preset.Download ?? throw new ModelException($"{preset.Name}: no published export is known.");
        var target = Path.Combine(store.Directory, preset.Name);
        var staging = target + ".download";
        var recorded = ReadChecksums(Path.Combine(target, ChecksumFile));
        var pulled = new List<PulledFile>();
        foreach (var file in export.Files)
        {
            var destination = Path.Combine(staging, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (!File.Exists(destination))
            {
                await FetchAsync(file.Url, destination + ".part", progress, cancellation);
                File.Move(destination + ".part", destination);
            }
            var actual = await Sha256Async(destination, cancellation);
            var (expected, origin) = file.Sha256 is { } pinned ? (pinned, ChecksumOrigin.Pinned)
                : recorded.TryGetValue(file.Path, out var first) ? (first, ChecksumOrigin.MatchesFirstDownload)
                : (actual, ChecksumOrigin.FirstDownload);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(destination); // a corrupt or changed file must not be resumed
                throw new ModelException($"{file.Url}: checksum mismatch: expected sha256 {expected.ToLowerInvariant()} " +
                                         $"({(origin == ChecksumOrigin.Pinned ? "pinned in the preset" : "recorded at the first download")}), got {actual}. The file was discarded.");
            }
            pulled.Add(new PulledFile(file.Path, actual, new FileInfo(destination).Length, origin));
        }
        preset.Manifest.Save(staging);
        ModelManifest.Load(staging); // refuse a broken manifest before replacing anything
        File.WriteAllLines(Path.Combine(staging, ChecksumFile), pulled.Select(f => $"{f.Sha256}  {f.Path}  {f.Bytes}"));
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(staging, target);
        return new PulledModel(target, pulled);
    }

    /// <summary>Path to sha256 from a <see cref="ChecksumFile"/> (none when the file does not exist).</summary>
    public static Dictionary<string, string> ReadChecksums(string path) =>
        !File.Exists(path) ? new Dictionary<string, string>(StringComparer.Ordinal)
            : File.ReadLines(path).Select(l => l.Split("  ")).Where(f => f.Length >= 2)
                .ToDictionary(f => f[1], f => f[0], StringComparer.Ordinal);

    private async Task FetchAsync(Uri url, string partial, IProgress<Progress>? progress, CancellationToken cancellation)
    {
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new ModelException($"{url}: cannot download ({e.Message}). Is this machine offline? " +
                                     "Copy the model folder here and use 'lookalike models add DIR' instead.", e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return; // already complete
            if (!response.IsSuccessStatusCode)
                throw new ModelException($"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
            if (!resumed) have = 0; // the server ignored the range: start over
            long? total = response.Content.Headers.ContentLength is { } length ? length + have : null;
            await using var source = await response.Content.ReadAsStreamAsync(cancellation);
            await using var target = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write);
            var buffer = new byte[81920];
            long received = have;
            progress?.Report(new Progress(received, total));
            int read;
            while ((read = await source.ReadAsync(buffer, cancellation)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellation);
                received += read;
                progress?.Report(new Progress(received, total));
            }
        }
    }

    private string Install(string name, string archive)
    {
        var target = Path.Combine(store.Directory, name);
        var staging = target + ".unpacking";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            using (var file = File.OpenRead(archive))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Directory.Delete(staging, recursive: true);
            throw new ModelException($"{archive}: not a .tar.gz model archive ({e.Message}).", e);
        }
        // Archives may wrap the model folder in one top-level directory.
        var root = File.Exists(Path.Combine(staging, ModelManifest.FileName)) ? staging
            : Directory.GetDirectories(staging) is [var only] && File.Exists(Path.Combine(only, ModelManifest.FileName)) ? only
            : null;
        if (root is null)
        {
            Directory.Delete(staging, recursive: true);
            throw new ModelException($"{archive}: holds no {ModelManifest.FileName}.");
        }
        ModelManifest.Load(root); // refuse a broken manifest before replacing anything
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(root, target);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        return target;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation));
    }
}
