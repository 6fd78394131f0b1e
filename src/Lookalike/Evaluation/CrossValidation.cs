namespace Lookalike.Evaluation;

/// <summary>One held-out fold: the setting chosen on the other folds (null only for an empty grid), whether it met the
/// target there, its score on those folds, and the grouping and score of the held-out fold made with it.</summary>
public sealed record FoldOutcome<T>(int Fold, T? Chosen, bool MetTarget, DedupScore? Train, IReadOnlyList<PredictedGroup> Groups, DedupScore? HeldOut) where T : class;

/// <summary>Every fold's outcome, and the held-out groupings of all folds scored together (the figure to publish).</summary>
public sealed record CrossValidationResult<T>(IReadOnlyList<FoldOutcome<T>> Folds, DedupScore HeldOut) where T : class;

/// <summary>
/// Tuning on some folds, scoring on the one left out, for every fold (docs/dedup-evaluation.md, "Folds"). The rule
/// that chooses a setting: the highest recall among the settings whose precision (as <c>precision</c> reads it) is at
/// least the target, ties to the earlier setting of the grid; when none reaches the target, the highest precision
/// (ties to the higher recall, then the earlier setting), flagged. Only held-out groupings are scored together, so no
/// published figure comes from the images its setting was chosen on.
/// </summary>
public static class CrossValidation
{
    /// <param name="foldOf">Fold of each image, by position in <paramref name="paths"/> (<see cref="SourceFolds"/>).</param>
    /// <param name="group">Groups the images at the given positions with a setting (as <c>lookalike dupes</c> would on
    /// those files alone).</param>
    public static CrossValidationResult<T> Run<T>(DedupGroundTruth truth, IReadOnlyList<string> paths, int[] foldOf, IReadOnlyList<T> grid,
        Func<T, IReadOnlyList<int>, IReadOnlyList<PredictedGroup>> group, Func<DedupScore, double> precision, double target) where T : class
    {
        var folds = foldOf.Max() + 1;
        var outcomes = new List<FoldOutcome<T>>();
        for (int fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, paths.Count).Where(i => foldOf[i] != fold).ToList();
            var test = Enumerable.Range(0, paths.Count).Where(i => foldOf[i] == fold).ToList();
            var (chosen, trainScore) = Choose(Restrict(truth, paths, train), grid, s => group(s, train), precision, target);
            if (chosen is null)
            {
                outcomes.Add(new FoldOutcome<T>(fold, null, false, null, [], null));
                continue;
            }
            var groups = group(chosen, test);
            outcomes.Add(new FoldOutcome<T>(fold, chosen, precision(trainScore!) >= target, trainScore, groups, DedupScorer.Score(Restrict(truth, paths, test), groups)));
        }
        return new CrossValidationResult<T>(outcomes, DedupScorer.Score(truth, outcomes.SelectMany(o => o.Groups).ToList()));
    }

    /// <summary>The setting the rule chooses on one subset, with its score there (see the class summary: a setting
    /// below the target is chosen only when none reaches it); (null, null) for an empty grid.</summary>
    public static (T? Chosen, DedupScore? Score) Choose<T>(DedupGroundTruth truth, IReadOnlyList<T> grid, Func<T, IReadOnlyList<PredictedGroup>> group,
        Func<DedupScore, double> precision, double target) where T : class
    {
        T? best = null;
        DedupScore? bestScore = null;
        foreach (var setting in grid)
        {
            var score = DedupScorer.Score(truth, group(setting));
            if (bestScore is null || Better(score, bestScore)) (best, bestScore) = (setting, score);
        }
        return (best, bestScore);

        bool Better(DedupScore s, DedupScore than)
        {
            bool meets = precision(s) >= target, thanMeets = precision(than) >= target;
            if (meets != thanMeets) return meets;
            if (meets) return s.Recall > than.Recall;
            return precision(s) > precision(than) || (precision(s) == precision(than) && s.Recall > than.Recall);
        }
    }

    /// <summary>The truth of the images at the given positions only.</summary>
    public static DedupGroundTruth Restrict(DedupGroundTruth truth, IReadOnlyList<string> paths, IReadOnlyList<int> positions)
    {
        var keep = positions.Select(i => paths[i]).ToHashSet(StringComparer.Ordinal);
        return truth.Restrict(l => keep.Contains(l.Path));
    }
}
