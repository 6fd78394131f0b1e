using Lookalike.Cli.Output;
using System.CommandLine;
using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Cli;

/// <summary>The --model option of the commands that fingerprint images, and opening the model it names.</summary>
internal static class ModelChoice
{
    public const string None = "none";

    public static Option<string?> Option() => new("--model")
    {
        Description = $"Embedding model: a name from 'lookalike models list', a model folder, or '{None}' for hashes only " +
                      $"(default: the built-in {ModelStore.DefaultModelName})",
    };

    /// <summary>The embedder for <paramref name="name"/>, or null for 'none'. A missing default model only
    /// turns embeddings off (with a warning); a missing model the user named is an error (<see cref="ModelException"/>).</summary>
    public static OnnxImageEmbedder? Open(string? name)
    {
        if (name == None) return null;
        try
        {
            // One inference thread: the decoders already keep every core busy (decoding costs more than this model).
            return new OnnxImageEmbedder(new ModelStore().Resolve(name), new EmbedderOptions { Threads = 1 });
        }
        catch (ModelException e) when (name is null)
        {
            Terminal.Line($"embeddings off: {e.Message}");
            return null;
        }
    }
}
