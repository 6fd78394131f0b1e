using System.Globalization;

namespace Lookalike.Files;

/// <summary>The one way sizes are written for people: decimal units (1 KB = 1000 bytes, as file managers and disk
/// vendors count), one decimal at most, e.g. "950 bytes", "2.6 KB", "13.6 MB".</summary>
public static class ByteSize
{
    public static string Text(long bytes) => bytes switch
    {
        < 1_000 => Invariant($"{bytes} bytes"),
        < 1_000_000 => Invariant($"{bytes / 1e3:0.#} KB"),
        < 1_000_000_000 => Invariant($"{bytes / 1e6:0.#} MB"),
        _ => Invariant($"{bytes / 1e9:0.#} GB"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
