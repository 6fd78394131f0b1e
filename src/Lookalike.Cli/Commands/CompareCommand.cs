using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Dedup;
using Lookalike.Dedup.Verify;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike compare A B</c>: every fingerprint's distance between two images, and a verdict.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "First image" };
        var second = new Argument<string>("b") { Description = "Second image" };
        var json = CommonOptions.Json();
        var model = ModelChoice.Option();
        var match = CommonOptions.Cosine("--match", "Cosine (-1..1) at or above which the embeddings say 'match' (default: the model's calibrated limit, else 0.90)");
        var different = CommonOptions.Cosine("--different", "Cosine (-1..1) below which the embeddings say 'different' (default: the model's, else 0.50)");
        var command = new Command("compare", "Compare two images by every fingerprint") { first, second, model, match, different, json };
        command.SetAction(parse =>
        {
            var a = Path.GetFullPath(parse.GetValue(first)!);
            var b = Path.GetFullPath(parse.GetValue(second)!);
            using var embedder = ModelChoice.Open(parse.GetValue(model));
            var fingerprinter = new Fingerprinter(embedder);
            Fingerprint fa, fb;
            try
            {
                fa = fingerprinter.Compute(a);
                fb = fingerprinter.Compute(b);
            }
            catch (ImageDecodeException e)
            {
                Terminal.Problem(e.Path, e.Reason);
                return 1;
            }
            var hashes = Enum.GetValues<HashMethod>().Select(m => new
            {
                Method = m,
                Distance = ImageHashes.Distance(fa.Hashes[m], fb.Hashes[m]),
                MaxDistance = HashDuplicateFinder.DefaultMaxDistance(m),
            }).ToList();
            var turned = ImageHashes.TurnedDistance(fa.Hashes, fb.Hashes);
            var phash = hashes.Single(h => h.Method == HashMethod.PHash);

            EmbeddingComparison? embedding = null;
            if (embedder != null)
            {
                var vectors = fingerprinter.Embed([fa.EmbeddingInput!, fb.EmbeddingInput!]);
                var thresholds = new SimilarityThresholds(parse.GetValue(match) ?? embedder.Thresholds.Match,
                    parse.GetValue(different) ?? embedder.Thresholds.Different);
                var cosine = Similarity.Cosine(vectors[0], vectors[1]);
                embedding = new EmbeddingComparison(embedder.Model.ToString(), cosine, thresholds, Similarity.Verdict(cosine, thresholds));
            }
            // The verdict is what 'lookalike dupes' (combined method) would decide about this pair.
            var criteria = DuplicateCriteria.Combined(hasModel: embedding is not null);
            var links = criteria.Judge(fa.Hashes, fb.Hashes, embedding?.Cosine);
            var explanation = criteria.Explain(fa.Hashes, fb.Hashes, embedding?.Cosine).ToList();
            // As dupes: a pair the wider candidate limits link is judged by the content verifier.
            var candidate = criteria.Candidates!.Judge(fa.Hashes, fb.Hashes, embedding?.Cosine).Count > 0;
            var content = new PairVerifier().Verify(a, b);
            var verdict = content is null ? Verdict(links)
                : !candidate ? "different"
                : content.Verdict switch
                {
                    ContentVerdict.Copy => content.Mirrored || Math.Abs(content.RotationDegrees) > 45 ? "near-duplicate (rotated or mirrored)" : "near-duplicate",
                    ContentVerdict.Similar => "similar",
                    _ => "different",
                };
            if (content is not null)
                explanation.Add((candidate ? "" : "not a candidate for the verifier (fingerprints too far apart); ") + content.Explain());
            // The turned pHash only speaks for pairs the plain pHash does not already hold together.
            var says = hashes.Select(h => (h.Method.ToString().ToLowerInvariant(), h.Distance <= h.MaxDistance)).ToList();
            if (phash.Distance > HashDuplicateFinder.TurnedPHashMaxDistance) says.Add(("turned pHash", turned <= HashDuplicateFinder.TurnedPHashMaxDistance));
            if (embedding is not null) says.Add(("embedding", embedding.Verdict == SimilarityVerdict.Match));
            if (FingerprintDisagreement.Explain(says, verdict, embedding?.Thresholds.Match) is { } disagreement) explanation.Insert(0, disagreement);

            if (parse.GetValue(json))
            {
                Json.Write(new
                {
                    a, b, verdict, explanation,
                    hashes = hashes.ToDictionary(h => h.Method.ToString().ToLowerInvariant(),
                        h => new { distance = h.Distance, maxDistance = h.MaxDistance, match = h.Distance <= h.MaxDistance }),
                    turnedPHash = new { distance = turned, maxDistance = HashDuplicateFinder.TurnedPHashMaxDistance },
                    content = content is null ? null : new
                    {
                        verdict = content.Verdict.ToString().ToLowerInvariant(),
                        candidate,
                        matches = content.Matches,
                        inliers = content.Inliers,
                        inlierCells = content.InlierCells,
                        scale = Math.Round(content.Scale, 3),
                        rotation = Math.Round(content.RotationDegrees, 1),
                        mirrored = content.Mirrored,
                        cellsCompared = content.CellsCompared,
                        cellsAgreeing = content.CellsAgreeing,
                        cellsMoved = content.CellsMoved,
                    },
                    embedding = embedding is null ? null : new
                    {
                        model = embedding.Model,
                        cosine = Math.Round(embedding.Cosine, 4),
                        match = embedding.Thresholds.Match,
                        different = embedding.Thresholds.Different,
                        verdict = embedding.Verdict.ToString().ToLowerInvariant(),
                    },
                });
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Fingerprint")
                .AddColumn(new TableColumn("Value").RightAligned()).AddColumn(new TableColumn("Duplicate at").RightAligned()).AddColumn("Says");
            foreach (var h in hashes)
                table.AddRow(h.Method.ToString(), $"{h.Distance}/64", $"<= {h.MaxDistance}", h.Distance <= h.MaxDistance ? "[green]match[/]" : "no");
            table.AddRow("PHash turned/mirrored", $"{turned}/64", $"<= {HashDuplicateFinder.TurnedPHashMaxDistance}",
                turned <= HashDuplicateFinder.TurnedPHashMaxDistance ? "[green]match[/]" : "no");
            if (embedding != null)
                table.AddRow(Markup.Escape($"cosine, {embedding.Model}"), $"{embedding.Cosine:0.0000}",
                    $">= {embedding.Thresholds.Match:0.###} (< {embedding.Thresholds.Different:0.###} different)",
                    embedding.Verdict == SimilarityVerdict.Match ? "[green]match[/]" : embedding.Verdict.ToString().ToLowerInvariant());
            Terminal.Out.Write(table);
            Terminal.Out.MarkupLine($"Verdict: [bold]{verdict}[/]");
            foreach (var line in explanation) Terminal.Out.WriteLine($"  {line}");
            return 0;
        });
        return command;
    }

    private sealed record EmbeddingComparison(string Model, float Cosine, SimilarityThresholds Thresholds, SimilarityVerdict Verdict);

    /// <summary>Without the verifier's word (a file it cannot read): near-duplicate when the combined criteria link the two by pHash or embedding, rotated or mirrored when
    /// only a turned pHash does, otherwise different. The embedding's own three-way verdict is reported beside it.</summary>
    private static string Verdict(IReadOnlyList<MatchEvidence> links) =>
        links.Contains(MatchEvidence.Hash) || links.Contains(MatchEvidence.Embedding) ? "near-duplicate"
        : links.Contains(MatchEvidence.TurnedPHash) ? "near-duplicate (rotated or mirrored)"
        : "different";
}
