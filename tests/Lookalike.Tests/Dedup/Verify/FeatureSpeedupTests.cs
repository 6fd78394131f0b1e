using Lookalike.Dedup.Verify;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Dedup.Verify;

/// <summary>The corner detector and the descriptor matcher were made faster without changing what they find: on real
/// photos of ../shared/photos (and their mirrored and shrunk pictures, which match them in hundreds of corners), the
/// keypoints and the matches equal, bit for bit, those of the implementation from before (<see cref="ReferenceKeypointDetector"/>,
/// <see cref="ReferenceDescriptorMatcher"/>).</summary>
public sealed class FeatureSpeedupTests
{
    public FeatureSpeedupTests() => Libvips.EnsureStarted();

    /// <summary>Every ninth photo: about a dozen real pictures of every kind the set holds (textured, smooth, dark).</summary>
    private static IEnumerable<string> Photos() =>
        Directory.EnumerateFiles(TestFiles.SharedPhotos).Where(p => ImageFormats.Extensions.Contains(Path.GetExtension(p))).Order(StringComparer.Ordinal).Where((_, i) => i % 9 == 0);

    [Fact]
    public void KeypointsAndMatchesEqualTheImplementationFromBefore()
    {
        int photos = 0, matchedPairs = 0;
        List<Keypoint>? previous = null;
        foreach (var path in Photos())
        {
            var picture = VerifyPicture.Load(path);
            var variants = new[] { picture, picture.Mirrored(), picture.Shrunk(1.3f) };
            var keypoints = variants.Select(v =>
            {
                var fast = KeypointDetector.Detect(v);
                Assert.Equal(ReferenceKeypointDetector.Detect(v), fast);
                return fast;
            }).ToArray();
            var pairs = new List<(List<Keypoint>, List<Keypoint>)> { (keypoints[0], keypoints[1]), (keypoints[0], keypoints[2]), (keypoints[2], keypoints[0]) };
            if (previous is not null) pairs.Add((previous, keypoints[0])); // different pictures: few matches, many near misses
            foreach (var (a, b) in pairs)
            {
                var fast = DescriptorMatcher.Match(a, b);
                Assert.Equal(ReferenceDescriptorMatcher.Match(a, b), fast);
                if (fast.Count >= 20) matchedPairs++;
            }
            previous = keypoints[0];
            photos++;
        }
        Assert.True(photos >= 10, $"only {photos} photos in {TestFiles.SharedPhotos}");
        Assert.True(matchedPairs >= photos, $"only {matchedPairs} pairs with 20+ matches: the comparison would say little");
    }
}
