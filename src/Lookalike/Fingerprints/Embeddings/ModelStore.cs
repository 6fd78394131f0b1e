namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Where model folders live: the user's models directory (LOOKALIKE_MODELS, else
/// $XDG_DATA_HOME/lookalike/models, else ~/.local/share/lookalike/models) and the built-in default
/// model that scripts/bootstrap.sh builds (beside the app under models/, or in the checkout's .deps/models/).
/// </summary>
public sealed class ModelStore
{
    public const string EnvironmentVariable = "LOOKALIKE_MODELS";
    public const string DefaultModelName = "mobilenet-v2-nsfwjs";
    /// <summary>The ImageNet ResNet18 that bootstrap builds from NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18.</summary>
    public const string ResNet18ModelName = "resnet18-imagenet";

    /// <summary>The models scripts/bootstrap.sh builds offline, the default first.</summary>
    public static IReadOnlyList<string> BuiltInModelNames { get; } = [DefaultModelName, ResNet18ModelName];

    public ModelStore(string? directory = null) => Directory = directory ?? DefaultDirectory();

    /// <summary>The user's models directory (may not exist yet).</summary>
    public string Directory { get; }

    public static string DefaultDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "lookalike", "models");
    }

    /// <summary>
    /// The folder of a model given by name (installed, or the built-in default) or by path to a folder
    /// holding model.json; null name means the default model.
    /// </summary>
    public string Resolve(string? nameOrPath)
    {
        var name = string.IsNullOrWhiteSpace(nameOrPath) ? DefaultModelName : nameOrPath;
        if (File.Exists(Path.Combine(name, ModelManifest.FileName))) return Path.GetFullPath(name);
        var installed = Path.Combine(Directory, name);
        if (File.Exists(Path.Combine(installed, ModelManifest.FileName))) return installed;
        if (BuiltInDirectory(name) is { } builtIn) return builtIn;
        throw new ModelException(BuiltInModelNames.Contains(name)
            ? $"The built-in model {name} is not built: run scripts/bootstrap.sh (it builds the offline models from npm nsfwjs and NuGet packages)."
            : $"Model '{name}' is not installed in {Directory}: run 'lookalike models pull {name}' or 'lookalike models add DIR'.");
    }

    /// <summary>Installed model folders (each with a model.json), by name.</summary>
    public IReadOnlyList<string> Installed() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetDirectories(Directory).Where(d => File.Exists(Path.Combine(d, ModelManifest.FileName)))
                .OrderBy(d => d, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Installs a model folder by copying it (model.json and the files it names) under its manifest name;
    /// the manifest is checked and every ONNX file it names must exist. With <paramref name="manifestIfMissing"/>
    /// (a preset's), a folder holding only the exported ONNX files gets that manifest.
    /// </summary>
    /// <returns>The installed folder.</returns>
    public string Add(string sourceDirectory, ModelManifest? manifestIfMissing = null)
    {
        bool hasManifest = File.Exists(Path.Combine(sourceDirectory, ModelManifest.FileName));
        var manifest = hasManifest || manifestIfMissing is null ? ModelManifest.Load(sourceDirectory) : manifestIfMissing;
        var files = new List<string> { manifest.Image.File };
        if (manifest.Text is { } text) files.AddRange(new[] { text.File, text.MergesFile, text.SentencePieceFile }.OfType<string>());
        foreach (var file in files)
            if (!File.Exists(Path.Combine(sourceDirectory, file)))
                throw new ModelException($"{Path.Combine(sourceDirectory, file)}: named by the manifest but missing.");
        var target = Path.Combine(Directory, manifest.Name);
        if (Path.GetFullPath(target) == Path.GetFullPath(sourceDirectory)) return target;
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in files.Distinct())
        {
            var destination = Path.Combine(target, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(sourceDirectory, file), destination, overwrite: true);
        }
        manifest.Save(target);
        return target;
    }

    /// <summary>The built-in default model's folder, or null when bootstrap has not built it.</summary>
    public static string? BuiltInDefaultDirectory() => BuiltInDirectory(DefaultModelName);

    /// <summary>A built-in model's folder (one of <see cref="BuiltInModelNames"/>), or null when bootstrap has not built it.</summary>
    public static string? BuiltInDirectory(string name)
    {
        if (!BuiltInModelNames.Contains(name)) return null;
        var besideApp = Path.Combine(AppContext.BaseDirectory, "models", name);
        if (File.Exists(Path.Combine(besideApp, ModelManifest.FileName))) return besideApp;
        // Running from a checkout (dotnet run, tests, bench): bootstrap builds it into .deps/models.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".deps", "models", name);
            if (File.Exists(Path.Combine(candidate, ModelManifest.FileName))) return candidate;
        }
        return null;
    }
}
