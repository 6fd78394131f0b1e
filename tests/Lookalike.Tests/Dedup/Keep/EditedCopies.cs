using System.Runtime.CompilerServices;
using Lookalike.Catalog;
using Lookalike.Loading;
using Lookalike.Tests.Support;
using NetVips;

namespace Lookalike.Tests.Dedup.Keep;

/// <summary>
/// A real photo of ../shared/photos and edited copies of it made here with libvips, all at the photo's own size and
/// saved as JPEG q90 like the original, so neither pixel count nor format gives the original away (the second set's
/// hard case). The edits are those of scripts/lib/image-edits.sh, written again with NetVips.
/// </summary>
internal sealed class EditedCopies : IDisposable
{
    private readonly TempFolder _folder = new();
    private Image _picture = null!;

    /// <param name="photo">A file name in ../shared/photos.</param>
    /// <param name="size">The original's longest side: small keeps the test fast.</param>
    public EditedCopies(string photo, int size = 320)
    {
        // Lookalike picks the libvips build; NetVips must not load one first, so nothing naming NetVips runs before this.
        Libvips.EnsureStarted();
        Original = Load(photo, size);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ImageRecord Load(string photo, int size)
    {
        _picture = Image.Thumbnail(Path.Combine(TestFiles.SharedPhotos, photo), size).Colourspace(Enums.Interpretation.Srgb);
        if (_picture.HasAlpha()) _picture = _picture.Flatten([255.0, 255.0, 255.0]);
        _picture = _picture.CopyMemory(); // the thumbnail reads its file once, in order; every edit reads it again
        return Save("original", _picture);
    }

    public string Folder => _folder.Root;

    /// <summary>The unedited picture, as a catalog would record it.</summary>
    public ImageRecord Original { get; }

    /// <summary>A copy with one edit: text, logo, watermark, grade_warm, sepia, grey, blur, bright, mirror, rot90, border_white.</summary>
    public ImageRecord Copy(string edit, string? folder = null) => Save(edit, Edit(edit), folder);

    /// <summary>The unedited picture saved again under <paramref name="name"/>: "png" (at a zlib
    /// <paramref name="level"/>), "webp" or "jpg" (at <paramref name="level"/> as the quality).</summary>
    public ImageRecord Recoded(string name, string format, int level) => Save(name, _picture, format: format, level: level);

    /// <summary><paramref name="file"/> as decoded, saved again as a JPEG at <paramref name="quality"/> under
    /// <paramref name="name"/>, with a white square of <paramref name="mark"/> pixels near its top left (0: none).</summary>
    public ImageRecord ResavedFrom(ImageRecord file, string name, int quality, int mark = 0)
    {
        using var decoded = Image.NewFromFile(file.Path);
        using var marked = mark == 0 ? decoded.Copy()
            : decoded.Insert((Image.Black(mark, mark, bands: 3) + 255.0).Cast(Enums.BandFormat.Uchar), mark, mark);
        return Save(name, marked, level: quality);
    }

    private Image Edit(string edit)
    {
        int w = _picture.Width, h = _picture.Height;
        return edit switch
        {
            "text" => Overlay(Image.Text("Summer 2024!", width: w / 2, height: h / 6), [255, 220, 0], 1.0, w / 4, h / 4),
            "watermark" => Overlay(Image.Text("© sample", width: w / 4, height: w / 16), [255, 255, 255], 0.6, w - w / 4 - w / 40, h - w / 16 - h / 40),
            "logo" => _picture.Insert((Image.Black(Math.Max(24, w / 5), Math.Max(12, w / 10), bands: 3) + new[] { 200.0, 30, 30 }).Cast(Enums.BandFormat.Uchar),
                w / 30, h / 30),
            "grade_warm" => _picture.Linear([1.1, 1.0, 0.82], [12, 4, -6], uchar: true),
            "sepia" => _picture.Recomb(Image.NewFromArray(new[,] { { 0.393, 0.769, 0.189 }, { 0.349, 0.686, 0.168 }, { 0.272, 0.534, 0.131 } }))
                .Cast(Enums.BandFormat.Uchar),
            "grey" => _picture.Colourspace(Enums.Interpretation.Bw).Colourspace(Enums.Interpretation.Srgb),
            "blur" => _picture.Gaussblur(2).Cast(Enums.BandFormat.Uchar),
            "bright" => _picture.Linear([1.25], [20.0], uchar: true),
            "mirror" => _picture.FlipHor(),
            "rot90" => _picture.Rot90(),
            "border_white" => _picture.Embed(w / 10, h / 10, w + w / 5, h + h / 5, extend: Enums.Extend.White),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, "no such edit"),
        };
    }

    /// <summary>Paints <paramref name="colour"/> through the glyphs of a text mask at the given opacity.</summary>
    private Image Overlay(Image mask, double[] colour, double opacity, int x, int y)
    {
        var paint = (mask.NewFromImage(colour).Bandjoin(mask * opacity)).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return _picture.Composite2(paint, Enums.BlendMode.Over, x: x, y: y).Flatten().Cast(Enums.BandFormat.Uchar);
    }

    private ImageRecord Save(string name, Image image, string? folder = null, string format = "jpg", int level = 90)
    {
        var path = Path.Combine(folder ?? Folder, name + "." + format);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (format)
        {
            case "png": image.Pngsave(path, compression: level); break;
            case "webp": image.Webpsave(path, q: level); break;
            default: image.Jpegsave(path, q: level); break;
        }
        var header = ImageDecoder.ReadHeader(path);
        return new ImageRecord(path.GetHashCode(), path, new FileInfo(path).Length, File.GetLastWriteTimeUtc(path), new string('0', 64),
            header.Width, header.Height, header.Format, header.ExifDate, header.Camera);
    }

    public void Dispose()
    {
        _picture.Dispose();
        _folder.Dispose();
    }
}
