namespace Lookalike.Dedup.Keep;

/// <summary>
/// Which file of a duplicate group to keep: <see cref="Rules"/> are tried in order and the first that tells two
/// files apart decides; full ties go to the lexically first path so the choice is reproducible.
/// </summary>
public sealed record KeepPolicy
{
    /// <summary>Preferred folders first (when the user names any, they outrank every quality rule); then what the files'
    /// tags say (camera EXIF, no editor tag); then signs of the unedited original in the pixels: the group's centre (the
    /// picture its copies share; before colour, which cannot tell a toned copy of a grey picture), no overlay among the
    /// central files (a faint watermark stays at the centre), colour, the group's shape, most picture pixels (inside flat margins), least
    /// clipping, not blurred, not a JPEG re-save of another file; then format class, least compressed (not between same-pixel lossless files), oldest EXIF
    /// date (then, for same-pixel files, oldest modification time).</summary>
    public static KeepPolicy Default { get; } = new(
        [KeepRule.PreferredFolder, KeepRule.Camera, KeepRule.Unedited, KeepRule.Centre, KeepRule.Overlay, KeepRule.Colour, KeepRule.Shape, KeepRule.Pixels,
         KeepRule.Tone, KeepRule.Sharpness, KeepRule.Resave, KeepRule.Format, KeepRule.Compression, KeepRule.ExifDate], []);

    public IReadOnlyList<KeepRule> Rules { get; }

    /// <summary>Absolute folders, most preferred first; used by <see cref="KeepRule.PreferredFolder"/>.</summary>
    public IReadOnlyList<string> PreferredFolders { get; }

    /// <exception cref="ArgumentException">A rule is repeated, or compression is ranked above pixels.</exception>
    public KeepPolicy(IReadOnlyList<KeepRule> rules, IReadOnlyList<string> preferredFolders)
    {
        if (rules.Distinct().Count() != rules.Count)
            throw new ArgumentException($"keep rules must not repeat: {string.Join(',', rules.Select(Name))}", nameof(rules));
        var compression = IndexOf(rules, KeepRule.Compression);
        var pixels = IndexOf(rules, KeepRule.Pixels);
        // A bigger file is not a better picture (an upscaled or re-encoded copy is bigger), so bytes may only
        // decide between files whose pixel counts have already been compared.
        if (compression >= 0 && (pixels < 0 || pixels > compression))
            throw new ArgumentException("the 'compression' (file size) rule must come after the 'pixels' rule: a file is never kept for its size alone", nameof(rules));
        Rules = rules;
        PreferredFolders = preferredFolders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).ToList();
    }

    /// <summary>Parses a comma-separated rule order such as "folder,pixels,format,compression,date".</summary>
    public static KeepPolicy Parse(string rules, IReadOnlyList<string> preferredFolders) =>
        new(rules.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseRule).ToList(), preferredFolders);

    public static string Name(KeepRule rule) => rule switch
    {
        KeepRule.Pixels => "pixels",
        KeepRule.Format => "format",
        KeepRule.Compression => "compression",
        KeepRule.ExifDate => "date",
        KeepRule.PreferredFolder => "folder",
        KeepRule.Camera => "camera",
        KeepRule.Unedited => "unedited",
        KeepRule.Colour => "colour",
        KeepRule.Shape => "shape",
        KeepRule.Tone => "tone",
        KeepRule.Centre => "centre",
        KeepRule.Sharpness => "sharpness",
        KeepRule.Overlay => "overlay",
        KeepRule.Resave => "resave",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static KeepRule ParseRule(string name)
    {
        foreach (var rule in Enum.GetValues<KeepRule>())
            if (Name(rule) == name.ToLowerInvariant()) return rule;
        throw new ArgumentException($"unknown keep rule '{name}'; known: {string.Join(", ", Enum.GetValues<KeepRule>().Select(Name))}");
    }

    private static int IndexOf(IReadOnlyList<KeepRule> rules, KeepRule rule)
    {
        for (var i = 0; i < rules.Count; i++)
            if (rules[i] == rule) return i;
        return -1;
    }
}
