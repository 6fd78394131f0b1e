using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Search;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike search IMAGE | --text TEXT | --queries FOLDER_OR_LIST</c>: the cataloged images most like
/// a query, through <see cref="SimilarImages.Run"/>; this file only parses and renders.
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
            var request = new SearchRequest
            {
                Image = parse.GetValue(image),
                Text = parse.GetValue(text),
                Queries = parse.GetValue(queries),
                K = parse.GetValue(k) ?? SearchRequest.DefaultK,
                Tags = parse.GetValue(tags)!,
                Folder = parse.GetValue(folder),
                Where = parse.GetValue(where)!,
                MinScore = parse.GetValue(minScore),
                Model = parse.GetValue(model),
                IndexKind = parse.GetValue(index),
            };
            request.Check(); // before the catalog is opened
            using var catalog = CatalogLocation.OpenExisting(new[] { request.Image, request.Queries }.OfType<string>().ToList(), parse.GetValue(database));
            var failed = 0;
            foreach (var answer in SimilarImages.Run(catalog, request, Terminal.Problem))
            {
                if (answer.Problem is { } problem)
                {
                    Terminal.Problem(answer.Query, problem);
                    failed++;
                }
                else if (parse.GetValue(json)) PrintJson(answer);
                else PrintTable(answer);
            }
            return failed > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One JSON object per query (so a batch is JSON Lines).</summary>
    private static void PrintJson(QueryAnswer answer) => Json.WriteLine(new
    {
        query = answer.Query,
        results = answer.Results.Select(r => new { file = r.Image.Path, score = Math.Round(r.Score, 4), tags = r.Tags }),
    });

    private static void PrintTable(QueryAnswer answer)
    {
        var results = answer.Results;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(answer.Query))
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn(new TableColumn("Score").RightAligned()).AddColumn("File").AddColumn("Tags");
        for (var i = 0; i < results.Count; i++)
            table.AddRow((i + 1).ToString(), $"{results[i].Score:0.0000}", Markup.Escape(Terminal.Safe(results[i].Image.Path)), Markup.Escape(string.Join(", ", results[i].Tags)));
        Terminal.Out.Write(table);
        if (results.Count == 0) Terminal.Out.WriteLine("No results.");
    }
}
