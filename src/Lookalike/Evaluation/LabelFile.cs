using Lookalike.Ingest;

namespace Lookalike.Evaluation;

/// <summary>An image and its class, from a <c>path,class</c> label file.</summary>
public sealed record ClassLabel(string Path, string Class);

/// <summary>Two images, whether they are the same (a match), and the pair's score when the file gives one.</summary>
public sealed record LabelledPair(string PathA, string PathB, bool Same, double? Score);

/// <summary>A line of a label file that could not be used, and why.</summary>
public sealed record LabelProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

/// <summary>
/// A label file: either classes (<c>path,class</c>: class-level retrieval) or labelled pairs
/// (<c>path_a,path_b,same[,score]</c>). Comma-separated (RFC 4180) or, when the first line holds a tab,
/// tab-separated. A header row is optional; when present its column names choose the columns
/// (file/path/image and class/label; path_a, path_b, same, score), so ../shared/labelled/LABELS.tsv
/// (file, class, source) reads as classes. Without a header, three or more columns whose third is a
/// yes/no value are pairs, else the first two columns are path and class. Relative paths are taken from
/// the label file's folder. Unusable lines are reported in <see cref="Problems"/> and skipped.
/// </summary>
public sealed class LabelFile
{
    private static readonly string[] PathNames = ["file", "path", "image", "filename"];
    private static readonly string[] ClassNames = ["class", "label", "category"];
    private static readonly string[] PairANames = ["path_a", "file_a", "a", "image_a", "left"];
    private static readonly string[] PairBNames = ["path_b", "file_b", "b", "image_b", "right"];
    private static readonly string[] SameNames = ["same", "match", "duplicate", "is_same"];
    private static readonly string[] ScoreNames = ["score", "similarity", "cosine"];

    private LabelFile(string path, List<ClassLabel>? classes, List<LabelledPair>? pairs, List<LabelProblem> problems)
    {
        Path = path;
        Classes = classes;
        Pairs = pairs;
        Problems = problems;
    }

    public string Path { get; }

    /// <summary>The labelled images of a class file; null for a pair file.</summary>
    public IReadOnlyList<ClassLabel>? Classes { get; }

    /// <summary>The labelled pairs of a pair file; null for a class file.</summary>
    public IReadOnlyList<LabelledPair>? Pairs { get; }

    public IReadOnlyList<LabelProblem> Problems { get; }

    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">No usable line at all.</exception>
    public static LabelFile Read(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such label file.", full);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var rows = Rows(full).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        if (rows.Count == 0) throw new FormatException($"{full}: the label file is empty.");
        var header = rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        // A first row naming a complete set of columns is a header; anything else is data.
        var named = Layout.FromHeader(header);
        var layout = named ?? Layout.Guess(rows[0].Fields);
        var data = named is null ? rows : rows.Skip(1).ToList();

        var problems = new List<LabelProblem>();
        string Resolve(string p) => System.IO.Path.GetFullPath(p.Trim(), folder);
        if (layout.Same < 0)
        {
            var classes = new List<ClassLabel>();
            foreach (var (line, fields) in data)
            {
                if (fields.Length <= Math.Max(layout.A, layout.Class)) { problems.Add(new(full, line, $"expected at least {Math.Max(layout.A, layout.Class) + 1} columns")); continue; }
                var label = fields[layout.Class].Trim();
                if (fields[layout.A].Trim().Length == 0 || label.Length == 0) { problems.Add(new(full, line, "empty path or class")); continue; }
                classes.Add(new ClassLabel(Resolve(fields[layout.A]), label));
            }
            return Checked(new LabelFile(full, classes, null, problems), classes.Count);
        }
        var pairs = new List<LabelledPair>();
        foreach (var (line, fields) in data)
        {
            var needed = new[] { layout.A, layout.B, layout.Same }.Max() + 1;
            if (fields.Length < needed)
            {
                problems.Add(new(full, line, $"expected {needed} columns, got {fields.Length}"));
                continue;
            }
            if (ParseSame(fields[layout.Same]) is not { } same) { problems.Add(new(full, line, $"'{fields[layout.Same].Trim()}' is not a same/different value (1/0, true/false, yes/no, same/different)")); continue; }
            double? score = null;
            if (layout.Score >= 0 && layout.Score < fields.Length && fields[layout.Score].Trim().Length > 0)
            {
                if (!double.TryParse(fields[layout.Score].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    problems.Add(new(full, line, $"'{fields[layout.Score].Trim()}' is not a number"));
                    continue;
                }
                score = value;
            }
            pairs.Add(new LabelledPair(Resolve(fields[layout.A]), Resolve(fields[layout.B]), same, score));
        }
        return Checked(new LabelFile(full, null, pairs, problems), pairs.Count);
    }

    /// <summary>1/0, true/false, yes/no, same/different (any case); null for anything else.</summary>
    public static bool? ParseSame(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" or "same" or "match" => true,
        "0" or "false" or "no" or "n" or "different" or "diff" => false,
        _ => null,
    };

    private static LabelFile Checked(LabelFile file, int count) =>
        count > 0 ? file : throw new FormatException($"{file.Path}: no usable labelled line{(file.Problems.Count > 0 ? $" ({file.Problems[0]})" : "")}.");

    private static IEnumerable<(int Line, string[] Fields)> Rows(string path)
    {
        var first = File.ReadLines(path).FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        if (!first.Contains('\t'))
        {
            using var reader = new StreamReader(path);
            foreach (var row in CsvReader.Read(reader).ToList()) yield return row;
            yield break;
        }
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            yield return (number, line.Split('\t'));
        }
    }

    /// <summary>Column positions: A (the path, or the first path of a pair), B, Same, Score, Class; -1 when absent.</summary>
    private sealed record Layout(int A, int B, int Same, int Score, int Class)
    {
        public static Layout? FromHeader(string[] names)
        {
            int Find(string[] candidates) => Array.FindIndex(names, candidates.Contains);
            var same = Find(SameNames);
            if (same >= 0)
            {
                var a = Find(PairANames);
                var b = Find(PairBNames);
                return a >= 0 && b >= 0 ? new Layout(a, b, same, Find(ScoreNames), -1) : null;
            }
            var path = Find(PathNames);
            var label = Find(ClassNames);
            if (path >= 0 && label >= 0) return new Layout(path, -1, -1, -1, label);
            return null;
        }

        /// <summary>No header: pairs when the third column is a yes/no value.</summary>
        public static Layout Guess(string[] first) =>
            first.Length >= 3 && ParseSame(first[2]) is not null
                ? new Layout(0, 1, 2, first.Length >= 4 ? 3 : -1, -1)
                : new Layout(0, -1, -1, -1, 1);
    }
}
