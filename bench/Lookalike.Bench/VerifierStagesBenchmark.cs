using Lookalike.Dedup.Verify;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Bench;

/// <summary>
/// Where the content verifier's time goes, stage by stage, on one thread (CPU seconds of this process): the decode of
/// its small picture, trim and grey, the smoothing, the corners and descriptors (plain and mirrored picture), the
/// descriptor matching, and whole pairs (each file against the next in path order and against its mirrored self).
/// usage: bench verifier-stages FOLDER [--files 200]
/// </summary>
internal static class VerifierStagesBenchmark
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: bench verifier-stages FOLDER [--files 200]");
            return Task.FromResult(2);
        }
        var options = Indexing.Options.Parse(args[1..]);
        var all = FileScanner.Scan([Path.GetFullPath(args[0])], (path, reason) => Console.Error.WriteLine($"{path}: {reason}"));
        var (files, step) = SubsetFolder.EveryKth(all, options.Int("files", 200));
        Console.WriteLine($"{files.Count} files of {args[0]} (every {step}th), one thread; load average {MachineLoad.Average()}");
        Console.WriteLine($"{"stage",-58} {"CPU s",8} {"ms each",9}");
        void Time(string what, int count, Action action)
        {
            var cpu = CpuTime.Seconds();
            action();
            var spent = CpuTime.Seconds() - cpu;
            Console.WriteLine($"{what,-58} {spent,8:0.00} {1000 * spent / count,9:0.00}");
        }

        foreach (var f in files.Take(16)) PictureFeatures.Of(VerifyPicture.Load(f)); // warm-up (JIT, libvips)
        var rgb = new RgbImage[files.Count];
        Time($"decode, longest side {VerifyPicture.LongSide} (header + thumbnail)", files.Count,
            () => { for (int i = 0; i < files.Count; i++) rgb[i] = ImageDecoder.Decode(files[i], DecodeSize.Fit(VerifyPicture.LongSide)); });
        var grey = new GreyImage[files.Count];
        Time("trim margins + grey", files.Count, () => { for (int i = 0; i < files.Count; i++) grey[i] = VerifyPicture.Grey(rgb[i].Crop(MarginTrimmer.ContentRect(rgb[i]))); });
        Time($"smoothing (sigma {AlignedComparison.Smoothing})", files.Count, () => { foreach (var g in grey) g.Blurred(AlignedComparison.Smoothing); });
        var keypoints = new List<Keypoint>[files.Count];
        Time("corners + descriptors", files.Count, () => { for (int i = 0; i < files.Count; i++) keypoints[i] = KeypointDetector.Detect(grey[i]); });
        var mirrored = new List<Keypoint>[files.Count];
        Time("mirror + corners + descriptors", files.Count, () => { for (int i = 0; i < files.Count; i++) mirrored[i] = KeypointDetector.Detect(grey[i].Mirrored()); });
        Time("matching, file against next file", files.Count - 1, () => { for (int i = 0; i + 1 < files.Count; i++) DescriptorMatcher.Match(keypoints[i], keypoints[i + 1]); });
        Time("matching, file against its mirrored self", files.Count, () => { for (int i = 0; i < files.Count; i++) DescriptorMatcher.Match(mirrored[i], keypoints[i]); });
        var features = grey.Select(PictureFeatures.Of).ToArray();
        foreach (var f in features) _ = f.Mirrored;
        Time("whole pair (features made), file against next file", files.Count - 1, () => { for (int i = 0; i + 1 < features.Length; i++) PairVerifier.Verify(features[i], features[i + 1]); });
        Time("whole pair (features made), file against its mirror", files.Count, () => { for (int i = 0; i < features.Length; i++) PairVerifier.Verify(features[i].Mirrored, features[i]); });
        return Task.FromResult(0);
    }
}
