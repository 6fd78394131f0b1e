using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Ingest;
using Lookalike.Loading;
using Lookalike.Search;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike search IMAGE | --text TEXT | --queries FOLDER_OR_LIST</c>: the cataloged images most like
/// a query, through the catalog's saved vector index (built, updated or reused as the catalog requires).
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var image = new Argument<string?>("image") { Description = "Query image (a file; cataloged or not)", Arity = ArgumentArity.ZeroOrOne };
        var text = new Option<string?>("--text") { Description = "Search by text instead (needs a model with a text tower, e.g. a CLIP preset)" };
        var queries = new Option<string?>("--queries")
        {
            Description = "Many query images: a folder (searched recursively) or a file listing one image per line (relative to its folder). " +
                          "With --json prints one JSON object per line. A query that cannot be read is reported on stderr and the run " +
                          "goes on, ending with exit code 1",
        };
        var database = CommonOptions.Database();
        var k = CommonOptions.WholeNumber("-k", "Number of results, at least 1 (default: 10)", 1);
        var tags = new Option<string[]>("--tag") { Description = "Only images with this tag (repeat: all of them)", DefaultValueFactory = _ => [] };
        var folder = new Option<string?>("--folder") { Description = "Only images below this folder" };
        var where = new Option<string[]>("--where") { Description = "Only images whose metadata has key=value (repeat: all of them)", DefaultValueFactory = _ => [] };
        var minScore = CommonOptions.Cosine("--min-score", "Leave out results with a cosine (-1..1) below this");
        var model = new Option<string?>("--model") { Description = $"Embedding model whose vectors to search (default: the built-in {ModelStore.DefaultModelName})" };
        var index = new Option<string?>("--index")
        {
            Description = $"Index kind: Flat, F16, SQ8, HNSW32, IVF1024,PQ64 ... or '{CatalogVectorIndex.Automatic}' to choose by size " +
                          "(default: the saved index's kind, else chosen by size). The index is saved under the catalog folder and reused",
        };
        var json = CommonOptions.Json();
        var command = new Command("search", "Find the cataloged images most similar to an image or a text")
        {
            image, text, queries, database, k, tags, folder, where, minScore, model, index, json,
        };
        command.Validators.Add(result =>
        {
            var given = new[] { result.GetValue(image) != null, result.GetValue(text) != null, result.GetValue(queries) != null }.Count(g => g);
            if (given != 1) result.AddError("Give exactly one of IMAGE, --text TEXT or --queries FOLDER_OR_LIST.");
        });
        command.SetAction(parse =>
        {
            var imagePath = parse.GetValue(image);
            var textQuery = parse.GetValue(text);
            var queryList = parse.GetValue(queries);
            using var catalog = CatalogLocation.OpenExisting(new[] { imagePath, queryList }.OfType<string>().ToList(), parse.GetValue(database));
            var filter = Filter(parse.GetValue(tags)!, parse.GetValue(folder), parse.GetValue(where)!);
            var (modelDirectory, manifest) = OpenModel(parse.GetValue(model));
            var modelKey = Fingerprinter.KeyOf(new ModelInfo(manifest.Name, manifest.Version, manifest.Image.EmbeddingSize));
            using var vectors = OpenIndex(catalog, modelKey, parse.GetValue(index));
            var search = new ImageSearch(catalog, vectors);
            var request = new Request(search, parse.GetValue(k) ?? 10, filter, parse.GetValue(minScore) ?? float.NegativeInfinity, parse.GetValue(json));

            if (textQuery != null)
            {
                using var embedder = OpenText(manifest, modelDirectory);
                request.Print(search.ForText(textQuery, embedder));
                return 0;
            }
            using var images = new LazyFingerprinter(manifest, modelDirectory);
            if (imagePath != null)
            {
                try
                {
                    request.Print(search.ForImage(imagePath, images.Value));
                    return 0;
                }
                catch (ImageDecodeException e)
                {
                    throw new BadInputException($"{e.Path}: {e.Reason}");
                }
            }
            var failed = 0;
            foreach (var path in QueryFiles(queryList!))
            {
                try
                {
                    request.Print(search.ForImage(path, images.Value));
                }
                catch (ImageDecodeException e)
                {
                    Terminal.Problem(e.Path, e.Reason);
                    failed++;
                }
            }
            return failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>The search settings shared by every query of a run, and how results are printed.</summary>
    private sealed record Request(ImageSearch Search, int K, ImageFilter Filter, float MinScore, bool Json)
    {
        public void Print(SearchQuery query)
        {
            var results = Search.Search(query, K, Filter, MinScore);
            if (Json)
            {
                Output.Json.WriteLine(new
                {
                    query = query.Query,
                    results = results.Select(r => new { file = r.Image.Path, score = Math.Round(r.Score, 4), tags = r.Tags }),
                });
                return;
            }
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(query.Query))
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn(new TableColumn("Score").RightAligned()).AddColumn("File").AddColumn("Tags");
            for (var i = 0; i < results.Count; i++)
                table.AddRow((i + 1).ToString(), $"{results[i].Score:0.0000}", Markup.Escape(Terminal.Safe(results[i].Image.Path)), Markup.Escape(string.Join(", ", results[i].Tags)));
            Terminal.Out.Write(table);
            if (results.Count == 0) Terminal.Out.WriteLine("No results.");
        }
    }

    private static ImageFilter Filter(string[] tags, string? folder, string[] where)
    {
        try
        {
            return new ImageFilter(tags.Select(ImageTags.Clean).ToList(), folder is null ? null : Path.GetFullPath(folder),
                where.Select(ImageFilter.ParseCondition).ToList());
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    /// <summary>The model's folder and manifest (its key names the catalog's vectors); no session is opened yet.</summary>
    private static (string Directory, ModelManifest Manifest) OpenModel(string? name)
    {
        try
        {
            var directory = new ModelStore().Resolve(name);
            return (directory, ModelManifest.Load(directory));
        }
        catch (ModelException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    private static CatalogVectorIndex OpenIndex(ImageCatalog catalog, string modelKey, string? description)
    {
        try
        {
            return CatalogVectorIndex.Open(catalog, modelKey, description);
        }
        catch (InvalidOperationException e)
        {
            throw new BadInputException($"{e.Message} Run 'lookalike index FOLDER --model ...' with this model first.");
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    private static TextEmbedder OpenText(ModelManifest manifest, string modelDirectory)
    {
        if (manifest.Text is null)
            throw new ModelException($"model {manifest.Name} has no text tower, so it cannot search by text: use a CLIP-style model (--model, see 'lookalike models list').");
        try
        {
            return new TextEmbedder(manifest, modelDirectory);
        }
        catch (ModelException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    /// <summary>The images of a folder (recursively), or the paths listed in a file (relative ones from the list's folder).</summary>
    private static IEnumerable<string> QueryFiles(string folderOrList)
    {
        var full = Path.GetFullPath(folderOrList);
        if (Directory.Exists(full)) return FileScanner.Scan([full], Terminal.Problem);
        if (!File.Exists(full)) throw new BadInputException($"{full}: no such folder or list file.");
        var baseFolder = Path.GetDirectoryName(full)!;
        return File.ReadLines(full).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => Path.GetFullPath(l, baseFolder));
    }

    /// <summary>The model's image tower, loaded only when a query is not already in the catalog.</summary>
    private sealed class LazyFingerprinter(ModelManifest manifest, string directory) : IDisposable
    {
        private OnnxImageEmbedder? _embedder;
        private Fingerprinter? _fingerprinter;

        public Fingerprinter Value
        {
            get
            {
                if (_fingerprinter != null) return _fingerprinter;
                try
                {
                    _embedder = new OnnxImageEmbedder(manifest, directory);
                }
                catch (ModelException e)
                {
                    throw new BadInputException(e.Message);
                }
                return _fingerprinter = new Fingerprinter(_embedder);
            }
        }

        public void Dispose() => _embedder?.Dispose();
    }
}
