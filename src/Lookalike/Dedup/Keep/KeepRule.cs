namespace Lookalike.Dedup.Keep;

/// <summary>One criterion of the keep-best policy; <see cref="KeepPolicy.Rules"/> says in which order they decide.
/// The rules on <see cref="PictureTraits"/> tie when the traits could not be read.</summary>
public enum KeepRule
{
    /// <summary>More pixels wins; with traits, the pixels inside flat margins (an added border adds no picture).</summary>
    Pixels,

    /// <summary>Better format class wins: RAW > lossless > lossy > limited (see <see cref="FormatClass"/>).</summary>
    Format,

    /// <summary>Less compressed wins: more bytes per pixel (plain file size when the pixel counts are unknown). Ties for two
    /// lossless files holding the same decoded pixels: their sizes differ only by how hard the encoder tried.</summary>
    Compression,

    /// <summary>Older EXIF capture date wins; a file with an EXIF date beats one without (re-saves often strip it). Of two
    /// lossless files holding the same decoded pixels (a PNG re-saved as PNG), where nothing in the content can tell,
    /// the older file modification time wins then: a library's copies are made after its originals.</summary>
    ExifDate,

    /// <summary>A file under an earlier <see cref="KeepPolicy.PreferredFolders"/> entry wins; any listed folder beats none.</summary>
    PreferredFolder,

    /// <summary>A file with the camera's EXIF make/model beats one without (exports and screenshots drop it).</summary>
    Camera,

    /// <summary>A file without a known editor's Software tag beats one with it.</summary>
    Unedited,

    /// <summary>A colour picture beats a greyscale one.</summary>
    Colour,

    /// <summary>A picture whose shape (long side over short side, inside flat margins) is the group's most common one
    /// beats one whose shape differs: stretched copies, crops to another shape, rotations that grew the canvas.</summary>
    Shape,

    /// <summary>A file that looks brightened from the other (lighter overall and more of it clipped, see
    /// <see cref="PictureTraits.IsBrightenedFrom"/>) loses.</summary>
    Tone,

    /// <summary>The file at the centre of the group (see <see cref="GroupCentre"/>: the medoid of the content
    /// distances, and files showing the same picture as it) beats one away from it: the original is the picture its
    /// edited copies share. Ties in groups of fewer than three files with traits.</summary>
    Centre,

    /// <summary>Of two files showing the same picture (<see cref="GroupCentre.SamePicture"/>), a blurred one (see
    /// <see cref="PictureTraits.IsBlurredFrom"/>) loses.</summary>
    Sharpness,

    /// <summary>Of the files showing the group's central picture, one that alone differs strongly in one region (see
    /// <see cref="LocalOverlay"/>: a watermark, a caption, a logo) loses to one that does not. Ties in groups with fewer
    /// than three central files.</summary>
    Overlay,

    /// <summary>Of two JPEGs of one size, one saved from the other (see <see cref="JpegResave"/>: re-encoding the other's
    /// pixels with its settings gives it back) loses: a re-save holds no more of the picture than what it was saved
    /// from, whatever its size in bytes.</summary>
    Resave,
}
