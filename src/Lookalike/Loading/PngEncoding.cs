using System.Runtime.CompilerServices;
using NetVips;

namespace Lookalike.Loading;

/// <summary>Encodes decoded pixels as PNG through libvips (thumbnails and difference images for the web app).</summary>
public static class PngEncoding
{
    public static byte[] Encode(RgbImage image)
    {
        Libvips.EnsureStarted(); // before EncodeStarted, which names NetVips types, is compiled (see Libvips.Run)
        return EncodeStarted(image);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] EncodeStarted(RgbImage image)
    {
        using var pixels = Image.NewFromMemory(image.Pixels, image.Width, image.Height, 3, Enums.BandFormat.Uchar);
        return pixels.PngsaveBuffer();
    }
}
