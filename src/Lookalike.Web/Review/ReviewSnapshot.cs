using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Keep;
using Lookalike.Web.Security;

namespace Lookalike.Web.Review;

/// <summary>
/// The duplicate groups at one moment, found the way <c>lookalike dupes</c> finds them (combined method, remembered
/// decisions applied, keep-best by the default policy), among the served images whose files are still there (so what
/// an action moved to the trash leaves the list, and comes back on undo). Built once and reused until something changes.
/// </summary>
public sealed class ReviewSnapshot
{
    private readonly Dictionary<string, ReviewGroup> _byKey;

    private ReviewSnapshot(IReadOnlyList<ReviewGroup> groups, DecisionSet decisions, int imageCount)
    {
        Groups = groups;
        Decisions = decisions;
        ImageCount = imageCount;
        _byKey = groups.ToDictionary(g => g.Key);
    }

    public IReadOnlyList<ReviewGroup> Groups { get; }
    public DecisionSet Decisions { get; }
    public int ImageCount { get; }

    public ReviewGroup? Find(string key) => _byKey.GetValueOrDefault(key);

    public static ReviewSnapshot Build(CatalogHost host, ImageAccess access, ImageCatalog catalog)
    {
        var images = host.Images(catalog).Where(i => access.Readable(i) is not null).ToList();
        var embeddings = host.ModelKey is { } model ? catalog.GetEmbeddings(model) : null;
        if (embeddings is { Count: 0 }) embeddings = null;
        var decisions = new DecisionStore(catalog).Load();
        var criteria = DuplicateCriteria.Combined(hasModel: embeddings is not null);
        var selector = new KeepBestSelector(KeepPolicy.Default, PictureTraits.TryRead);
        var groups = DuplicateFinder.Find(images, catalog.GetHashes(), embeddings, criteria, decisions)
            .Select(g =>
            {
                var choice = selector.Choose([.. g.Files]);
                var plan = ActionPlan.From([choice], decisions);
                return new ReviewGroup(ReviewGroup.KeyOf(g), g, choice, ReviewGroup.ScoreOf(g),
                    plan.Steps.Count == 0 && plan.Skipped.Count > 0);
            })
            .ToList();
        return new ReviewSnapshot(groups, decisions, images.Count);
    }
}
