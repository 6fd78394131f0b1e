using System.Diagnostics;

namespace Lookalike.Bench;

/// <summary>vipsthumbnail (Debian libvips-tools, libvips' own command-line tool): the decode floor that
/// Lookalike's decoding is compared with in the same run.</summary>
internal static class VipsThumbnailPeer
{
    /// <summary>One vipsthumbnail process per core, each shrinking its share of the files to <paramref name="size"/> px
    /// into libvips' own uncompressed format, so encoding costs next to nothing.</summary>
    public static void Run(List<string> files, int cores, int size)
    {
        var output = Directory.CreateTempSubdirectory("lookalike-bench-vips").FullName;
        try
        {
            var processes = Enumerable.Range(0, cores).Select(core =>
            {
                var info = new ProcessStartInfo("vipsthumbnail") { RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "-s", size.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", Path.Combine(output, "%s-" + core + ".v") }) info.ArgumentList.Add(a);
                for (int i = core; i < files.Count; i += cores) info.ArgumentList.Add(files[i]);
                info.Environment["VIPS_CONCURRENCY"] = "1";
                info.Environment["VIPS_WARNING"] = "0";
                return Process.Start(info) ?? throw new InvalidOperationException("vipsthumbnail not found (apt-get install libvips-tools)");
            }).ToList();
            foreach (var process in processes)
            {
                process.StandardError.ReadToEnd();
                process.WaitForExit();
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
