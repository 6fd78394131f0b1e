using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;

namespace Lookalike.Tests.Fingerprints.Embeddings;

public sealed class ImagePreprocessorTests
{
    private static ImageTowerSpec Spec(int size = 4) => new() { File = "m.onnx", EmbeddingSize = 1, InputSize = size, Filter = ResampleFilter.Bilinear };

    [Fact]
    public void BilinearShrinkAveragesLikePillow()
    {
        // Pillow's 4 -> 2 bilinear: support widens to 2 px, output 0 sees x=0,1,2 with weights .75,.75,.25 (/1.75),
        // so [0, 0, 255, 255] becomes [36, 219] (255*.25/1.75 = 36.4).
        var image = new RgbImage(4, 1, [0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255]);
        var result = ImageResampler.ResizeWindow(image, PixelRect.Whole(image), 2, 1, new PixelRect(0, 0, 2, 1), ResampleFilter.Bilinear);
        Assert.Equal([36f, 36f, 36f, 219f, 219f, 219f], result);
    }

    [Fact]
    public void BicubicOvershootIsClampedAndFlatStaysFlat()
    {
        var step = new RgbImage(4, 1, [0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255]);
        var up = ImageResampler.ResizeWindow(step, PixelRect.Whole(step), 8, 1, new PixelRect(0, 0, 8, 1), ResampleFilter.Bicubic);
        Assert.All(up, v => Assert.InRange(v, 0f, 255f));
        Assert.Equal(0f, up[0]);
        Assert.Equal(255f, up[^1]);
        var flat = SyntheticImages.Solid(37, 23, 10, 20, 30);
        var resized = ImageResampler.ResizeWindow(flat, PixelRect.Whole(flat), 11, 7, new PixelRect(0, 0, 11, 7), ResampleFilter.Bicubic);
        for (int i = 0; i < resized.Length; i += 3) Assert.Equal([10f, 20f, 30f], resized[i..(i + 3)]);
    }

    [Fact]
    public void ShortestSideResizeThenCentreCrop()
    {
        // 16x8: left half red, right half blue. Shortest side 8 -> 4: 8x4, centre crop 4x4 = x 2..5 of the resize,
        // so crop columns 0-1 are red and 2-3 blue.
        var image = Halves(16, 8);
        var tensor = Fill(Spec(), image);
        Assert.Equal(1f, tensor[0 * 16 + 0]);   // R plane, x=0
        Assert.Equal(0f, tensor[0 * 16 + 3]);   // R plane, x=3
        Assert.Equal(1f, tensor[2 * 16 + 3]);   // B plane, x=3
    }

    [Fact]
    public void ResizeShortSideCropsTheRecipesCentre()
    {
        // 8x8 with a 2 px red frame: resize to 8 (no change) then crop 4x4 keeps only the inside.
        var inner = SyntheticImages.Solid(4, 4, 0, 255, 0);
        var framed = SyntheticImages.WithBorder(inner, 2, 0);
        var tensor = Fill(Spec() with { ResizeShortSide = 8 }, framed);
        Assert.All(tensor[16..32], v => Assert.Equal(1f, v)); // G plane all green
    }

    [Fact]
    public void SquashKeepsTheWholeImage()
    {
        var tensor = Fill(Spec() with { Resize = ResizeMode.Squash }, Halves(16, 8));
        Assert.Equal(1f, tensor[0]);       // red at the left edge
        Assert.Equal(1f, tensor[32 + 3]);  // blue at the right edge
    }

    [Fact]
    public void LetterboxPadsWithTheMeanColour()
    {
        var spec = Spec() with { Resize = ResizeMode.Letterbox, Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };
        var tensor = Fill(spec, SyntheticImages.Solid(8, 4, 255, 255, 255)); // 4x2 placed at rows 1-2
        Assert.Equal(0f, tensor[0]);           // row 0: padding, normalised mean = 0
        Assert.Equal(1f, tensor[4 + 1], 5);    // row 1: white = (1 - .5) / .5
        Assert.Equal(0f, tensor[12]);          // row 3: padding
    }

    [Fact]
    public void NormalisesPerChannelAndLaysOutNhwc()
    {
        var spec = Spec(2) with { Mean = [0.5f, 0.25f, 0f], Std = [0.5f, 0.25f, 1f], InputLayout = TensorLayout.Nhwc };
        var tensor = Fill(spec, SyntheticImages.Solid(2, 2, 255, 0, 51));
        Assert.Equal([1f, -1f, 0.2f], tensor[..3].Select(v => MathF.Round(v, 5)).ToArray());
        Assert.Equal(tensor[..3], tensor[9..12]);
    }

    [Fact]
    public void TrimsFlatMarginsBeforeResizing()
    {
        var scene = SyntheticImages.Scene(40, 30, 1);
        var bordered = SyntheticImages.WithBorder(scene, 12, 255);
        Assert.Equal(new PixelRect(12, 12, 40, 30), MarginTrimmer.ContentRect(bordered));
        var spec = Spec(16) with { TrimMargins = true };
        Assert.Equal(Fill(spec, scene), Fill(spec, bordered));
    }

    [Fact]
    public void AFlatImageIsNotTrimmedAway()
    {
        var flat = SyntheticImages.Solid(20, 10, 7, 7, 7);
        Assert.Equal(PixelRect.Whole(flat), MarginTrimmer.ContentRect(flat));
    }

    private static float[] Fill(ImageTowerSpec spec, RgbImage image)
    {
        var preprocessor = new ImagePreprocessor(spec);
        var tensor = new float[preprocessor.ValuesPerImage];
        preprocessor.Fill(image, tensor);
        return tensor;
    }

    private static RgbImage Halves(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            pixels[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255;
        return new RgbImage(width, height, pixels);
    }
}
