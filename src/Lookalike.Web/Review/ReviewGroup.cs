using System.Security.Cryptography;
using System.Text;
using Lookalike.Dedup;
using Lookalike.Dedup.Keep;

namespace Lookalike.Web.Review;

/// <summary>One duplicate group as the review page shows it.</summary>
/// <param name="Key">Stable name of the group (its image ids), so an action names the group the user saw; a group that
/// changed since then gets another key and the action is refused rather than applied to different files.</param>
/// <param name="Score">Strength of the weakest link that holds the group together, 1 = identical, by its best evidence.</param>
/// <param name="KeptAll">Every duplicate is already marked "keep both" with the keeper.</param>
public sealed record ReviewGroup(string Key, DuplicateGroup Group, KeepChoice Choice, double Score, bool KeptAll)
{
    public static string KeyOf(DuplicateGroup group) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', group.Files.Select(f => f.Id).Order()))))[..16].ToLowerInvariant();

    /// <summary>The level the dedup finder gave the group (exact, same-pixels, copy or similar).</summary>
    public string Level => DuplicateLevels.Name(Group.Level);

    /// <summary>Hash distances are bits of 64, embedding distances are (1 - cosine) x 1000 (see <see cref="DuplicateLink"/>).</summary>
    public static double ScoreOf(DuplicateGroup group) =>
        group.Files.Select(f => f.ContentHash).Distinct().Count() == 1 ? 1
        : group.Evidence.Max(e => 1 - e.MaxDistance / (e.Evidence == MatchEvidence.Embedding ? 1000.0 : 64.0));
}
