using Lookalike.Catalog;

namespace Lookalike.Web.Images;

/// <summary>An image as the pages see it: its id (the only way to fetch its pixels) and what to show about it; its folder
/// relative to the served folder it is in.</summary>
public sealed record ImageView(long Id, string Name, string Folder, int Width, int Height, long Size, string Format, DateTime? Date, string? Camera)
{
    public static ImageView Of(ImageRecord image, IReadOnlyList<string> roots)
    {
        var folder = Path.GetDirectoryName(image.Path) ?? "";
        var root = roots.Where(r => ImageCatalog.IsUnder(image.Path, [r])).MaxBy(r => r.Length);
        var relative = root is null ? folder : Path.Combine(Path.GetFileName(root.TrimEnd('/')), Path.GetRelativePath(root, folder)).TrimEnd('.', '/');
        return new ImageView(image.Id, Path.GetFileName(image.Path), relative, image.Width, image.Height, image.Size, image.Format,
            image.ExifDate ?? image.ModifiedUtc, image.Camera);
    }
}
