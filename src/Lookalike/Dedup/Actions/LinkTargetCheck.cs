using Lookalike.Catalog;
using Lookalike.Dedup.Keep;
using Lookalike.Loading;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// A hard or symbolic link makes a duplicate show its keeper's pixels, so it is safe only when the two already look
/// the same: byte-identical files (same SHA-256), or files that decode to identical pixels (the same picture saved
/// twice losslessly, or with other metadata). A near-duplicate whose pixels differ (a crop, one side of a stereo pair)
/// is left alone unless the user forces the link.
/// </summary>
public static class LinkTargetCheck
{
    /// <summary>The choices with only the duplicates that may be replaced by a link to their keeper, and those left out with why.</summary>
    public static (IReadOnlyList<KeepChoice> Choices, IReadOnlyList<SkippedFile> Skipped) Filter(IReadOnlyList<KeepChoice> choices)
    {
        var skipped = new List<SkippedFile>();
        var kept = choices.Select(choice => choice with
        {
            Duplicates = choice.Duplicates.Where(d =>
            {
                var problem = WhyNotLinkable(d.File, choice.Keep);
                if (problem is not null) skipped.Add(new SkippedFile(d.File.Path, problem));
                return problem is null;
            }).ToList(),
        }).ToList();
        return (kept, skipped);
    }

    /// <summary>Null when <paramref name="duplicate"/> looks exactly like <paramref name="keeper"/>, else why not (naming both).</summary>
    public static string? WhyNotLinkable(ImageRecord duplicate, ImageRecord keeper)
    {
        if (string.Equals(duplicate.ContentHash, keeper.ContentHash, StringComparison.OrdinalIgnoreCase)) return null;
        var refusal = $"{duplicate.Path}: not linked to {keeper.Path}";
        if ((duplicate.Width, duplicate.Height) != (keeper.Width, keeper.Height))
            return $"{refusal}: its pixels differ ({duplicate.Width}x{duplicate.Height} against {keeper.Width}x{keeper.Height}); force the link to do it anyway";
        try
        {
            var size = DecodeSize.Fit(Math.Max(keeper.Width, keeper.Height));
            var a = ImageDecoder.Decode(duplicate.Path, size);
            var b = ImageDecoder.Decode(keeper.Path, size);
            return a.Width == b.Width && a.Height == b.Height && a.Pixels.AsSpan().SequenceEqual(b.Pixels)
                ? null
                : $"{refusal}: its pixels differ from the keeper's; force the link to do it anyway";
        }
        catch (ImageDecodeException e)
        {
            return $"{refusal}: {e.Message}";
        }
    }
}
