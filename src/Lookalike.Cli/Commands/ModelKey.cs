using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Cli.Commands;

/// <summary>The key a model's embeddings are stored under in the catalog, for commands that read stored
/// vectors and never run the model (so no inference session is opened).</summary>
internal static class ModelKey
{
    public static string Resolve(string? name)
    {
        try
        {
            var manifest = ModelManifest.Load(new ModelStore().Resolve(name));
            return $"{manifest.Name}@{manifest.Version}"; // as Fingerprinter.KeyOf names it
        }
        catch (ModelException e)
        {
            throw new BadInputException(e.Message);
        }
    }
}
