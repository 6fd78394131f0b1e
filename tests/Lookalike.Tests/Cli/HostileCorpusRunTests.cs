using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Files;
using Lookalike.Testing.Hostile;
using Lookalike.Tests.Support;
using Xunit.Abstractions;

namespace Lookalike.Tests.Cli;

/// <summary>
/// Issue 13 items 8 and 9: the hostile corpus through the real CLI. Indexes it once uninterrupted, then kills
/// <c>index</c> at random points and checks that the resumed catalog equals the uninterrupted one, then runs every
/// action and its undo and checks that no file is lost and nothing outside the folder is touched; prints the report.
/// CI runs the short variant (2 kills, 3 flips per format); the long one (24 kills, 20 flips per format, about 5 minutes) runs with
/// <c>LOOKALIKE_HOSTILE_LONG=1 nice -n 10 dotnet test Lookalike.slnx -c Release --filter HostileCorpusRun --logger "console;verbosity=detailed"</c>
/// and also writes the report to artifacts/hostile-report.txt.
/// </summary>
public class HostileCorpusRunTests(ITestOutputHelper output)
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("LOOKALIKE_HOSTILE_LONG") == "1";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private sealed class Report
    {
        public int EntriesWritten, FilesFound, ErrorsReported, Runs, Crashes, Hangs, Kills, Resumes, ResumesIdentical, FilesLost, OutsideTouched;
        public long BytesLost;
        public List<string> Notes { get; } = [];

        public override string ToString() => string.Join('\n', new[]
        {
            $"hostile corpus run ({(Long ? "long" : "short")})",
            $"  entries written: {EntriesWritten}; files tried (found by the scan): {FilesFound}",
            $"  errors reported (one line each): {ErrorsReported}",
            $"  CLI runs: {Runs}; crashes: {Crashes}; hangs (over {RunLimit.TotalMinutes} min): {Hangs}",
            $"  index runs killed: {Kills}; resumes after kills: {Resumes}, catalog identical to the uninterrupted run's: {ResumesIdentical} of {Resumes}",
            $"  files lost: {FilesLost}; bytes lost: {BytesLost}; files touched outside the roots: {OutsideTouched}",
        }.Concat(Notes.Select(n => "  note: " + n)));
    }

    [Fact]
    public void HostileCorpusRun()
    {
        var random = new Random(13);
        using var root = new TempFolder();
        var report = new Report { EntriesWritten = HostileCorpus.Write(root.Root, TestFiles.Path(""), flipsPerSource: Long ? 20 : 3) };
        var input = root["in"];
        var outside = Snapshot(root["out"]);
        var original = Snapshot(input);

        LookalikeCli.Result Run(params string[] args)
        {
            report.Runs++;
            var (result, hung) = RunWithin(RunLimit, null, args);
            if (hung) report.Hangs++;
            else if (IsCrash(result)) { report.Crashes++; report.Notes.Add($"crash in {args[0]}: {Tail(result.Stderr)}"); }
            return result;
        }

        // The uninterrupted run.
        var baseline = Run("index", input, "--db", root["base"], "--model", "none", "--json");
        var json = JsonDocument.Parse(baseline.Stdout).RootElement;
        report.FilesFound = json.GetProperty("found").GetInt32();
        report.ErrorsReported = baseline.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(json.GetProperty("problems").GetArrayLength(), report.ErrorsReported); // one line per problem, whatever the names hold

        // Killed at random points (each run resumes what the killed ones committed), and every fourth kill a run to the end.
        var kills = Long ? 24 : 2;
        for (var k = 1; k <= kills; k++)
        {
            report.Runs++;
            _ = RunWithin(TimeSpan.FromMilliseconds(300 + random.Next(4000)), killed: true, "index", input, "--db", root["killed"], "--model", "none");
            report.Kills++;
            if (k % 4 != 0 && k != kills) continue;
            Run("index", input, "--db", root["killed"], "--model", "none");
            report.Resumes++;
            if (CatalogOf(root["killed"]).SequenceEqual(CatalogOf(root["base"]))) report.ResumesIdentical++;
            else report.Notes.Add($"after kill {k} the resumed catalog differs from the uninterrupted one");
        }

        // Every action and its undo: nothing lost, nothing outside touched.
        foreach (var action in new[] { "move-to-trash", "hardlink", "symlink" })
        {
            Run("dupes", input, "--db", root["base"], "--model", "none", "--action", action, "--json");
            Run("undo", "--db", root["base"]);
            Compare(original, Snapshot(input), report, $"after {action} and undo", deleted: []);
            report.OutsideTouched += Differences(outside, Snapshot(root["out"]));
        }
        var delete = Run("dupes", input, "--db", root["base"], "--model", "none", "--delete", "--yes", "--json");
        var deleted = JsonDocument.Parse(delete.Stdout).RootElement.GetProperty("action").GetProperty("done").EnumerateArray()
            .Select(d => Path.GetRelativePath(input, d.GetProperty("path").GetString()!)).ToHashSet();
        Compare(original, Snapshot(input), report, "after --delete --yes", deleted);
        report.OutsideTouched += Differences(outside, Snapshot(root["out"]));

        var text = report.ToString();
        output.WriteLine(text);
        if (Long)
        {
            Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts"));
            File.WriteAllText(Path.Combine(RepoRoot, "artifacts", "hostile-report.txt"), text + "\n");
        }
        Assert.True(report.Crashes == 0 && report.Hangs == 0 && report.FilesLost == 0 && report.OutsideTouched == 0
            && report.ResumesIdentical == report.Resumes, text);
        Assert.True(deleted.Count > 0, "the delete run found duplicates to delete: " + text);
    }

    private static bool IsCrash(LookalikeCli.Result result) =>
        result.ExitCode is not (0 or 1) || result.Stderr.Contains("Unhandled exception") || result.Stderr.Contains("   at ");

    private static string Tail(string text) => text.Length > 400 ? text[^400..] : text;

    /// <summary>Runs the CLI; past <paramref name="limit"/> it is killed: a hang, unless <paramref name="killed"/> (a planned kill).</summary>
    private static (LookalikeCli.Result Result, bool Hung) RunWithin(TimeSpan limit, bool? killed, params string[] args)
    {
        using var process = LookalikeCli.Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(limit);
        if (!finished) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (new LookalikeCli.Result(process.ExitCode, stdout.Result, stderr.Result), !finished && killed != true);
    }

    /// <summary>What the catalog holds, in a form two catalogs can be compared by.</summary>
    private static List<string> CatalogOf(string db)
    {
        using var catalog = ImageCatalog.Open(Path.Combine(db, ImageCatalog.FileName));
        var hashes = catalog.GetHashes();
        return catalog.GetImages().Select(i => $"{i.Path} {i.ContentHash} {i.Width}x{i.Height} {i.Damaged} {hashes[i.Id].PHash:x16}").ToList();
    }

    /// <summary>Every entry below <paramref name="folder"/> (links not followed, names as their exact bytes, see RawName): its
    /// kind and, for files, its SHA-256.</summary>
    private static Dictionary<string, string> Snapshot(string folder)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(string dir)
        {
            foreach (var entry in RawDirectory.Entries(dir))
            {
                var relative = Path.GetRelativePath(folder, entry);
                var kind = FileKinds.Of(entry);
                entries[relative] = kind switch
                {
                    FileKind.Regular => Hash(entry),
                    FileKind.SymbolicLink => "link " + RawFiles.LinkTarget(entry),
                    _ => kind.ToString(),
                };
                if (kind == FileKind.Directory) Walk(entry);
            }
        }
        Walk(folder);
        return entries;
    }

    private static string Hash(string path)
    {
        try { return Sha256File.Of(path) + " " + FileStamp.Of(path).Size; }
        catch (UnauthorizedAccessException) { return "unreadable"; } // special/unreadable.jpg, when not run as root
    }

    private static void Compare(Dictionary<string, string> before, Dictionary<string, string> after, Report report, string when, HashSet<string> deleted)
    {
        foreach (var (path, what) in before)
        {
            if (deleted.Contains(path) || (after.TryGetValue(path, out var now) && now == what)) continue;
            report.FilesLost++;
            if (what.Split(' ') is [_, var size] && long.TryParse(size, out var bytes)) report.BytesLost += bytes;
            report.Notes.Add($"{when}: {PrintableText.Escape(path)} was {what}, now {(after.TryGetValue(path, out var then) ? then : "missing")}");
        }
    }

    private static int Differences(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Count(kv => !after.TryGetValue(kv.Key, out var now) || now != kv.Value) + after.Keys.Count(k => !before.ContainsKey(k));

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Lookalike.slnx"))) return dir.FullName;
            throw new InvalidOperationException("Tests must run from inside the checkout.");
        }
    }
}
