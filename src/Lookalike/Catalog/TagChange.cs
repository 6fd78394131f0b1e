namespace Lookalike.Catalog;

/// <summary>What tagging (or untagging) files did: the tag as stored, the files it changed, those already so, and the
/// files the catalog does not know.</summary>
public sealed record TagChange(string Tag, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged, IReadOnlyList<string> NotCataloged);
