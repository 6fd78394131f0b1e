using Lookalike.Catalog;
namespace Lookalike.Ingest;

/// <summary>A row of a tag import that was not applied: its line, the file it names (if any) and why.</summary>
public sealed record TagImportProblem(int Line, string? File, string Reason);

/// <summary>What a tag import did.</summary>
public sealed record TagImportReport(int Tagged, int ValuesSet, int Unchanged, IReadOnlyList<TagImportProblem> Problems);

/// <summary>
/// Applies a CSV of tags (header <c>file,tag</c>) or metadata (header <c>file,key,value</c>) to cataloged
/// images. Files are absolute or relative to the CSV's folder; a row naming a file the catalog does not know,
/// or with the wrong number of fields, is reported and skipped, and every other row is applied (in one transaction).
/// </summary>
public static class TagImport
{
    /// <exception cref="BadInputException">The CSV is missing, or its header is neither file,tag nor file,key,value.</exception>
    public static TagImportReport Apply(ImageCatalog catalog, string csvPath)
    {
        csvPath = Path.GetFullPath(csvPath);
        if (!File.Exists(csvPath)) throw new BadInputException($"{csvPath}: no such file.");
        var baseFolder = Path.GetDirectoryName(csvPath)!;
        using var reader = new StreamReader(csvPath);
        using var records = CsvReader.Read(reader).GetEnumerator();
        if (!records.MoveNext()) throw new BadInputException($"{csvPath}: empty; expected a header 'file,tag' or 'file,key,value'.");
        var header = string.Join(',', records.Current.Fields.Select(f => f.Trim().ToLowerInvariant()));
        var values = header switch
        {
            "file,tag" => false,
            "file,key,value" => true,
            _ => throw new BadInputException($"{csvPath}: header '{header}' is neither 'file,tag' nor 'file,key,value'."),
        };
        var tags = new ImageTags(catalog);
        var problems = new List<TagImportProblem>();
        int tagged = 0, set = 0, unchanged = 0;
        using var transaction = catalog.BeginTransaction();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Length != (values ? 3 : 2))
            {
                problems.Add(new(line, null, $"expected {(values ? 3 : 2)} fields, got {fields.Length}"));
                continue;
            }
            var file = Path.GetFullPath(fields[0].Trim(), baseFolder);
            var image = catalog.FindFile(file);
            if (image is null)
            {
                problems.Add(new(line, file, ImageTags.NotCataloged));
                continue;
            }
            try
            {
                if (values)
                {
                    tags.SetValue(image.Id, fields[1], fields[2]);
                    set++;
                }
                else if (tags.Add(image.Id, fields[1])) tagged++;
                else unchanged++;
            }
            catch (ArgumentException e)
            {
                problems.Add(new(line, file, e.Message));
            }
        }
        transaction.Commit();
        return new TagImportReport(tagged, set, unchanged, problems);
    }
}
