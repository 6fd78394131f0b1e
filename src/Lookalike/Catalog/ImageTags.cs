namespace Lookalike.Catalog;

/// <summary>
/// The user's tags and key=value metadata on cataloged images (tables <c>tags</c> and <c>metadata</c>).
/// Both hang on the image id, so they follow a moved file and vanish with a removed one.
/// </summary>
public sealed class ImageTags(ImageCatalog catalog)
{
    /// <summary>Why a file named by the user gets no tags: the catalog does not know it.</summary>
    public const string NotCataloged = "not in the catalog: run lookalike index first";

    /// <summary>Gives the files (absolute or relative to the working folder) the tag, in one transaction.</summary>
    /// <exception cref="BadInputException">The tag is empty or more than one line.</exception>
    public TagChange AddTo(IReadOnlyList<string> paths, string tag) => Change(paths, tag, Add);

    /// <summary>Takes the tag off the files (absolute or relative to the working folder), in one transaction.</summary>
    /// <exception cref="BadInputException">The tag is empty or more than one line.</exception>
    public TagChange RemoveFrom(IReadOnlyList<string> paths, string tag) => Change(paths, tag, Remove);

    /// <summary>The tags and metadata of the files (absolute or relative to the working folder).</summary>
    public TagListing Describe(IReadOnlyList<string> paths)
    {
        List<TaggedFile> files = [];
        List<string> unknown = [];
        foreach (var path in paths.Select(p => Path.GetFullPath(p)))
        {
            if (catalog.FindFile(path) is { } image) files.Add(new TaggedFile(image.Path, Of(image.Id), ValuesOf(image.Id)));
            else unknown.Add(path);
        }
        return new TagListing(files, unknown);
    }

    private TagChange Change(IReadOnlyList<string> paths, string tag, Func<long, string, bool> apply)
    {
        string text;
        try
        {
            text = Clean(tag);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message, e);
        }
        List<string> changed = [], unchanged = [], unknown = [];
        using var transaction = catalog.BeginTransaction();
        foreach (var path in paths.Select(p => Path.GetFullPath(p)))
        {
            if (catalog.FindFile(path) is not { } image) unknown.Add(path);
            else (apply(image.Id, text) ? changed : unchanged).Add(image.Path);
        }
        transaction.Commit();
        return new TagChange(text, changed, unchanged, unknown);
    }

    /// <summary>The tag as stored: trimmed; empty or multi-line tags are refused.</summary>
    public static string Clean(string tag)
    {
        var trimmed = tag.Trim();
        if (trimmed.Length == 0 || trimmed.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException($"'{tag}' is not a tag: a tag is one line of text, not empty.");
        return trimmed;
    }

    /// <summary>Tags an image; false when it already had the tag.</summary>
    public bool Add(long imageId, string tag) =>
        Execute("INSERT INTO tags (image_id, tag) VALUES (@id, @tag) ON CONFLICT DO NOTHING", imageId, ("@tag", Clean(tag))) > 0;

    /// <summary>Removes a tag; false when the image did not have it.</summary>
    public bool Remove(long imageId, string tag) =>
        Execute("DELETE FROM tags WHERE image_id = @id AND tag = @tag", imageId, ("@tag", Clean(tag))) > 0;

    /// <summary>The image's tags, sorted.</summary>
    public List<string> Of(long imageId)
    {
        using var command = catalog.Command("SELECT tag FROM tags WHERE image_id = @id ORDER BY tag");
        command.Bind("@id", imageId);
        return ReadAll(command, r => r.GetString(0));
    }

    /// <summary>Every tag with the number of images that have it, by tag.</summary>
    public List<(string Tag, int Count)> Counts()
    {
        using var command = catalog.Command("SELECT tag, COUNT(*) FROM tags GROUP BY tag ORDER BY tag");
        return ReadAll(command, r => (r.GetString(0), (int)r.GetInt64(1)));
    }

    public HashSet<long> IdsWithTag(string tag)
    {
        using var command = catalog.Command("SELECT image_id FROM tags WHERE tag = @tag");
        command.Bind("@tag", Clean(tag));
        return ReadAll(command, r => r.GetInt64(0)).ToHashSet();
    }

    /// <summary>Sets (or replaces) the image's value for <paramref name="key"/>.</summary>
    public void SetValue(long imageId, string key, string value) =>
        Execute("INSERT INTO metadata (image_id, key, value) VALUES (@id, @key, @value) ON CONFLICT (image_id, key) DO UPDATE SET value = excluded.value", imageId, ("@key", Clean(key)), ("@value", value));

    /// <summary>The image's metadata, sorted by key.</summary>
    public SortedDictionary<string, string> ValuesOf(long imageId)
    {
        using var command = catalog.Command("SELECT key, value FROM metadata WHERE image_id = @id");
        command.Bind("@id", imageId);
        return new SortedDictionary<string, string>(ReadAll(command, r => (r.GetString(0), r.GetString(1))).ToDictionary(), StringComparer.Ordinal);
    }

    public HashSet<long> IdsWithValue(string key, string value)
    {
        using var command = catalog.Command("SELECT image_id FROM metadata WHERE key = @key AND value = @value");
        command.Bind("@key", Clean(key));
        command.Bind("@value", value);
        return ReadAll(command, r => r.GetInt64(0)).ToHashSet();
    }

    private int Execute(string sql, long imageId, params (string Name, string Value)[] parameters)
    {
        using var command = catalog.Command(sql);
        command.Bind("@id", imageId);
        foreach (var (name, value) in parameters) command.Bind(name, value);
        return command.ExecuteNonQuery();
    }

    private static List<T> ReadAll<T>(System.Data.Common.DbCommand command, Func<System.Data.Common.DbDataReader, T> read)
    {
        var values = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) values.Add(read(reader));
        return values;
    }
}
