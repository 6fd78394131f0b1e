using Lookalike.Loading;
using Lookalike.Web.Images;

namespace Lookalike.Tests.Web;

/// <summary>The review page's difference view: identical pictures show no difference; a crop is found where it was cut.</summary>
public sealed class DifferenceImageTests
{
    private static readonly RgbImage China = ImageDecoder.Decode(Support.TestFiles.Path("china.jpg"), DecodeSize.Fit(512));

    [Fact]
    public void Identical_pictures_align_exactly_and_show_no_red()
    {
        var placement = DifferenceImage.Align(China, China);
        Assert.Equal(0, placement.X, 0.5);
        Assert.Equal(0, placement.Y, 0.5);
        Assert.Equal(China.Width, placement.Width, 1.0);
        var rendered = DifferenceImage.Render(China, China);
        for (var i = 0; i < rendered.Pixels.Length; i += 3) Assert.Equal(rendered.Pixels[i + 1], rendered.Pixels[i]); // red = green: no difference added
    }

    [Fact]
    public void A_crop_is_placed_where_it_was_cut_from()
    {
        var crop = China.Crop(new PixelRect(40, 20, 100, 67)); // from x=40 (of 160), y=20 (of 107)
        var placement = DifferenceImage.Align(China, crop);
        Assert.Equal(40, placement.X, 5.0);
        Assert.Equal(20, placement.Y, 5.0);
        Assert.Equal(100, placement.Width, 8.0);
    }
}
