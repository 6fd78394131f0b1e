using Lookalike.Catalog;
using Lookalike.Loading;

namespace Lookalike.Dedup.Keep;

/// <summary>
/// What a file's pixels and tags say about how processed it is, for choosing the original of a group: the picture
/// inside flat margins (an added border or frame adds pixels but no picture), how colourful it is (a greyscale or
/// faded copy of a colour photo), how much of it is clipped to black or white (a brightened or contrast-pushed copy)
/// and the software tag an editor writes. Read from a 160 px thumbnail, only for files in groups.
/// </summary>
/// <param name="ContentWidth">Width of the picture inside flat margins, in the file's own pixels.</param>
/// <param name="ContentHeight">Height of the picture inside flat margins, in the file's own pixels.</param>
/// <param name="Colourfulness">Mean of max(R,G,B) - min(R,G,B) over the content, 0..1 (under 0.02: greyscale).</param>
/// <param name="Clipped">Share of content pixels with a channel at an end of the range (&lt;= 4 or &gt;= 251).</param>
/// <param name="Software">EXIF Software tag, when present.</param>
/// <param name="Brightness">Mean brightness (luma) of the content, 0..1.</param>
/// <param name="Signature">The content as a coarse colour grid, to compare the files of a group (see <see cref="GroupCentre"/>).</param>
/// <param name="Sharpness">Mean luma step between neighbouring pixels of the content in the thumbnail, 0..1: a blurred
/// copy has less of it than its original at the same thumbnail size.</param>
public sealed record PictureTraits(double ContentWidth, double ContentHeight, double Colourfulness, double Clipped, string? Software,
    double Brightness = 0.5, PictureSignature? Signature = null, double Sharpness = 0)
{
    /// <summary>Of two files showing the same picture, one this much less sharp (relative) was blurred or lost detail.</summary>
    public const double BlurredBelow = 0.85;

    /// <summary>Whether this picture looks like a blurred <paramref name="other"/> (only meaningful for the same picture).</summary>
    public bool IsBlurredFrom(PictureTraits other) => Sharpness < other.Sharpness * BlurredBelow;

    /// <summary>Brighter by this much (of the range) and clipped more by <see cref="ClippedMore"/>: a brightened copy.</summary>
    public const double BrighterBy = 0.03;

    /// <summary>Share of pixels newly clipped that, with <see cref="BrighterBy"/>, marks a brightened copy.</summary>
    public const double ClippedMore = 0.02;

    /// <summary>Whether this picture looks like <paramref name="other"/> brightened: lighter overall and more of it
    /// pushed to the ends of the range. (Neither alone: a blur or a colour grade changes one a little, not both.)</summary>
    public bool IsBrightenedFrom(PictureTraits other) => Brightness > other.Brightness + BrighterBy && Clipped > other.Clipped + ClippedMore;

    /// <summary>Below this colourfulness a picture counts as greyscale.</summary>
    public const double GreyBelow = 0.02;

    public double ContentPixels => ContentWidth * ContentHeight;

    public bool IsGrey => Colourfulness < GreyBelow;

    /// <summary>Whether this picture is the greyscale one of the two: grey, and the other several times as colourful.
    /// A picture with little colour of its own (a black and white bird, cut-out tuning set: colourfulness about the
    /// limit) otherwise counts as grey beside its own half-size copy, which resampling left a hair more colourful;
    /// a greyscale copy is near 0, and the little colour of such a bird still tells it from its greyscale copy.</summary>
    public bool IsGreyBeside(PictureTraits other) => IsGrey && other.Colourfulness >= Math.Max(GreyBelow / 4, ColourfulTimes * Colourfulness);

    /// <summary>How many times as colourful as a grey picture the colour one must be (<see cref="IsGreyBeside"/>).</summary>
    private const double ColourfulTimes = 3;

    /// <summary>Long side over short side of the content: the shape, the same for a picture and its quarter turns.</summary>
    public double Shape => Math.Max(ContentWidth, ContentHeight) / Math.Max(1, Math.Min(ContentWidth, ContentHeight));

    /// <summary>Editors whose Software tag marks a file as an edited export (raw converters and cameras are not listed).</summary>
    private static readonly string[] Editors =
        ["photoshop", "gimp", "lightroom", "snapseed", "picasa", "paint.net", "pixelmator", "affinity", "canva", "photoscape", "fotor",
         "facetune", "vsco", "instagram", "imagemagick", "graphicsmagick", "photos app", "preview"];

    /// <summary>Whether the Software tag names a known editor.</summary>
    public bool EditedBySoftware => Software is { } s && Editors.Any(e => s.Contains(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the traits of a file; null when it cannot be read now (it then ranks on its catalog record only).</summary>
    public static PictureTraits? TryRead(ImageRecord file)
    {
        try
        {
            var header = ImageDecoder.ReadHeader(file.Path);
            var image = ImageDecoder.Decode(file.Path, DecodeSize.Fit(160), header);
            var content = MarginTrimmer.ContentRect(image);
            var scale = file.Width > 0 ? (double)file.Width / image.Width : 1;
            var (colour, clipped, brightness, sharpness) = Measure(image, content);
            return new PictureTraits(content.Width * scale, content.Height * (file.Height > 0 ? (double)file.Height / image.Height : 1),
                colour, clipped, header.Software, brightness, PictureSignature.Of(image, content), sharpness);
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (double Colourfulness, double Clipped, double Brightness, double Sharpness) Measure(RgbImage image, PixelRect content)
    {
        long chroma = 0, clipped = 0, count = 0, luma = 0, steps = 0, stepCount = 0;
        var pixels = image.Pixels;
        for (int y = content.Y; y < content.Y + content.Height; y++)
            for (int x = content.X; x < content.X + content.Width; x++)
            {
                int i = (y * image.Width + x) * 3;
                int r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
                chroma += Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
                var here = Luma(pixels, i);
                luma += here;
                // Any channel at an end of its range: a white background stays "clipped" under a colour grade, so
                // only what an edit newly pushes to the ends counts against a file.
                if (Math.Max(r, Math.Max(g, b)) >= 251 || Math.Min(r, Math.Min(g, b)) <= 4) clipped++;
                count++;
                if (x + 1 < content.X + content.Width) { steps += Math.Abs(here - Luma(pixels, i + 3)); stepCount++; }
                if (y + 1 < content.Y + content.Height) { steps += Math.Abs(here - Luma(pixels, i + image.Width * 3)); stepCount++; }
            }
        return count == 0
            ? (0, 0, 0, 0)
            : (chroma / (255.0 * count), (double)clipped / count, luma / (255_000.0 * count), stepCount == 0 ? 0 : steps / (255_000.0 * stepCount));
    }

    /// <summary>Luma x 1000 of the pixel at byte offset <paramref name="i"/>.</summary>
    private static int Luma(byte[] pixels, int i) => 299 * pixels[i] + 587 * pixels[i + 1] + 114 * pixels[i + 2];
}
