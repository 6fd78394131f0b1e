namespace Lookalike.Loading.Vips;

/// <summary>libvips refused or failed an operation; the message is libvips' own.</summary>
internal sealed class VipsException(string message) : Exception(message);
