using Lookalike.Cli.Output;
using System.CommandLine;
using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Cli;

/// <summary>The --model option of the commands that fingerprint images, and the one rule for what it names: 'none'
/// means no embeddings, a missing default model only turns embeddings off (with a warning), and a missing model the
/// user named is an error (<see cref="ModelException"/>).</summary>
internal static class ModelChoice
{
    public const string None = "none";

    public static Option<string?> Option() => new("--model")
    {
        Description = $"Embedding model: a name from 'lookalike models list', a model folder, or '{None}' for hashes only " +
                      $"(default: the built-in {ModelStore.DefaultModelName})",
    };

    /// <summary>The embedder for <paramref name="name"/>, or null when embeddings are off.</summary>
    public static OnnxImageEmbedder? Open(string? name) =>
        Choose(name, directory => new OnnxImageEmbedder(directory, EmbedderOptions.Indexing));

    /// <summary>The model's folder for <paramref name="name"/> (for a front end that opens it itself), or null when embeddings are off.</summary>
    public static string? DirectoryOf(string? name) => Choose(name, directory => directory);

    private static T? Choose<T>(string? name, Func<string, T> open) where T : class
    {
        if (name == None) return null;
        try
        {
            return open(new ModelStore().Resolve(name));
        }
        catch (ModelException e) when (name is null)
        {
            Terminal.Line($"embeddings off: {e.Message}");
            return null;
        }
    }
}
