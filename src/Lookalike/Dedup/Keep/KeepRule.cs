namespace Lookalike.Dedup.Keep;

/// <summary>One criterion of the keep-best policy; <see cref="KeepPolicy.Rules"/> says in which order they decide.</summary>
public enum KeepRule
{
    /// <summary>More pixels (width x height) wins.</summary>
    Pixels,

    /// <summary>Better format class wins: RAW > lossless > lossy > limited (see <see cref="FormatClass"/>).</summary>
    Format,

    /// <summary>Less compressed wins: more bytes per pixel (plain file size when the pixel counts are unknown).</summary>
    Compression,

    /// <summary>Older EXIF capture date wins; a file with an EXIF date beats one without (re-saves often strip it).</summary>
    ExifDate,

    /// <summary>A file under an earlier <see cref="KeepPolicy.PreferredFolders"/> entry wins; any listed folder beats none.</summary>
    PreferredFolder,
}
