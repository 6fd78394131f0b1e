using System.Collections.Concurrent;
using System.Globalization;
using Lookalike.Dedup.Verify;

namespace Lookalike.Bench;

/// <summary>
/// The content verifier's evidence per pair of files, computed once per pair for a whole calibration run (every fold
/// and setting reads the same evidence; <see cref="VerifierSetting"/> re-decides the verdict) and
/// kept in a TSV file between runs, so a second run verifies only the pairs it has not seen. A pair is keyed by its
/// two paths in ordinal order and always verified in that order. Thread-safe.
/// </summary>
internal sealed class PairEvidenceCache
{
    private readonly ConcurrentDictionary<(string, string), Lazy<PairEvidence?>> _pairs = new();
    private readonly PairVerifier _verifier = new();
    private readonly string? _file;
    private int _loaded;

    public PairEvidenceCache(string? file)
    {
        _file = file;
        if (file is null || !File.Exists(file)) return;
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var f = line.Split('\t');
            var evidence = f[2] == "unreadable" ? null : new PairEvidence(Enum.Parse<ContentVerdict>(f[2]), Int(f[3]), Int(f[4]), Int(f[5]), Int(f[6]),
                Int(f[7]), double.Parse(f[8], CultureInfo.InvariantCulture), double.Parse(f[9], CultureInfo.InvariantCulture), f[10] == "1",
                Int(f[11]), Int(f[12]), Int(f[13]));
            _pairs[(f[0], f[1])] = new Lazy<PairEvidence?>(() => evidence);
            _loaded++;
        }
    }

    /// <summary>Pairs read from the file, and pairs verified in this run (with the verifier's own cost).</summary>
    public string Describe() => $"{_loaded:N0} pairs from {_file ?? "(no file)"}, {_verifier.Cost.Pairs:N0} verified in this run "
        + $"({_verifier.Cost.Files:N0} files described at {_verifier.Cost.MicrosecondsPerFile / 1000:0.0} ms, pairs at {_verifier.Cost.MicrosecondsPerPair / 1000:0.0} ms, summed over threads)";

    public PairEvidence? Get(string a, string b)
    {
        var key = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        return _pairs.GetOrAdd(key, k => new Lazy<PairEvidence?>(() => _verifier.Verify(k.Item1, k.Item2))).Value;
    }

    public void Save()
    {
        if (_file is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_file))!);
        using var writer = new StreamWriter(_file + ".tmp");
        writer.WriteLine("a\tb\tverdict\tkeypoints_a\tkeypoints_b\tmatches\tinliers\tinlier_cells\tscale\trotation\tmirrored\tcells\tagreeing\tmoved");
        foreach (var ((a, b), lazy) in _pairs.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal))
        {
            var e = lazy.Value;
            writer.WriteLine(e is null ? $"{a}\t{b}\tunreadable\t\t\t\t\t\t\t\t\t\t\t"
                : string.Create(CultureInfo.InvariantCulture, $"{a}\t{b}\t{e.Verdict}\t{e.KeypointsA}\t{e.KeypointsB}\t{e.Matches}\t{e.Inliers}\t{e.InlierCells}\t{e.Scale:R}\t{e.RotationDegrees:R}\t{(e.Mirrored ? 1 : 0)}\t{e.CellsCompared}\t{e.CellsAgreeing}\t{e.CellsMoved}"));
        }
        writer.Close();
        File.Move(_file + ".tmp", _file, overwrite: true);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
