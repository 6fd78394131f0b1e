namespace Lookalike.Catalog;

/// <summary>A cataloged file's tags and metadata, both sorted.</summary>
public sealed record TaggedFile(string File, IReadOnlyList<string> Tags, SortedDictionary<string, string> Metadata);

/// <summary>The tags and metadata of the files asked about, in the order asked, and the files the catalog does not know.</summary>
public sealed record TagListing(IReadOnlyList<TaggedFile> Files, IReadOnlyList<string> NotCataloged);
