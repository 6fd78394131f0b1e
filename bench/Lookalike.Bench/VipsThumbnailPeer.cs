using System.Diagnostics;
using System.Globalization;
using Lookalike.Loading;

namespace Lookalike.Bench;

/// <summary>vipsthumbnail (Debian libvips-tools, libvips' own command-line tool): the decode floor that
/// Lookalike's decoding is compared with in the same run.</summary>
internal static class VipsThumbnailPeer
{
    /// <summary>One vipsthumbnail process per core, each shrinking its share of the files to fit <paramref name="size"/> px
    /// into libvips' own uncompressed format, so encoding costs next to nothing.</summary>
    public static void Run(List<string> files, int cores, int size) =>
        RunGroups([(size.ToString(CultureInfo.InvariantCulture), files)], cores);

    /// <summary>As <see cref="Run"/>, but each image shrunk so its shortest side is <paramref name="shortSide"/> px, as
    /// <see cref="DecodeSize.Cover"/> decodes for the embedder: landscape and portrait files get their own box
    /// ("100000x256" / "256x100000"), each process running once per box over its share.</summary>
    public static void RunShortestSide(List<string> files, IReadOnlyList<ImageHeader> headers, int cores, int shortSide)
    {
        const int unbounded = 100_000;
        var side = shortSide.ToString(CultureInfo.InvariantCulture);
        var landscape = files.Where((_, i) => headers[i].Width > headers[i].Height).ToList();
        var portrait = files.Where((_, i) => headers[i].Width <= headers[i].Height).ToList();
        RunGroups([($"{unbounded}x{side}", landscape), ($"{side}x{unbounded}", portrait)], cores);
    }

    private static void RunGroups(IReadOnlyList<(string Geometry, List<string> Files)> groups, int cores)
    {
        var output = Directory.CreateTempSubdirectory("lookalike-bench-vips").FullName;
        try
        {
            var workers = Enumerable.Range(0, cores).Select(core => Task.Run(() =>
            {
                foreach (var (geometry, files) in groups)
                {
                    var share = files.Where((_, i) => i % cores == core).ToList();
                    if (share.Count > 0) RunOne(geometry, share, Path.Combine(output, "%s-" + core + ".v"));
                }
            })).ToArray();
            Task.WaitAll(workers);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static void RunOne(string geometry, List<string> files, string outputPattern)
    {
        var info = new ProcessStartInfo("vipsthumbnail") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-s", geometry, "-o", outputPattern }) info.ArgumentList.Add(a);
        foreach (var file in files) info.ArgumentList.Add(file);
        info.Environment["VIPS_CONCURRENCY"] = "1";
        info.Environment["VIPS_WARNING"] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("vipsthumbnail not found (apt-get install libvips-tools)");
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }
}
