namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Manifests for the usual exports (the offline default model has its own, models/mobilenet-v2-nsfwjs/model.json). Preprocessing values and their sources (see docs/embedding-presets.md):
/// <list type="bullet">
/// <item>OpenAI CLIP / OpenCLIP: open_clip <c>pretrained.py</c> <c>_pcfg</c> = OPENAI_DATASET_MEAN/STD from
/// <c>constants.py</c>, bicubic, resize_mode "shortest" (shortest side to the input size, centre crop);
/// transformers CLIPImageProcessor agrees (resample 3 = bicubic, shortest_edge 224, crop 224).</item>
/// <item>SigLIP: open_clip <c>_slpcfg</c> = INCEPTION_MEAN/STD (0.5), bicubic, "squash"; text context 64.</item>
/// <item>MobileCLIP: open_clip <c>_mccfg</c> = mean 0, std 1 (plain 0..1), bilinear, "shortest"; S1/S2 at 256 px.</item>
/// <item>DINOv2: transformers BitImageProcessor config of facebook/dinov2-*: shortest_edge 256 bicubic, crop 224, ImageNet mean/std.</item>
/// <item>ResNet-50 (torchvision weights): Resize(256) bilinear, CenterCrop(224), ImageNet mean/std; penultimate 2048-d.</item>
/// <item>EfficientNet-B0 (timm): crop_pct 0.875 (256 then 224), bicubic, ImageNet mean/std; penultimate 1280-d.</item>
/// </list>
/// Tensor names follow the Hugging Face optimum exports (pixel_values / image_embeds, input_ids / text_embeds), except
/// openai-clip-vit-b-32 and siglip-vit-b-16-384, which are laid out as the Immich exports they download (see <see cref="Immich"/>).
/// </summary>
public static class ModelPresets
{
    private static readonly float[] OpenAiMean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] OpenAiStd = [0.26862954f, 0.26130258f, 0.27577711f];
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];
    private static readonly float[] InceptionMean = [0.5f, 0.5f, 0.5f];
    private static readonly float[] InceptionStd = [0.5f, 0.5f, 0.5f];

    /// <summary>CLIP was trained with logit_scale clamped to ln(100).</summary>
    private const float ClipLogitScale = 4.6051702f;

    private const string OpenClipReference = "open_clip src/open_clip/pretrained.py _pcfg + constants.py OPENAI_DATASET_MEAN/STD";

    public static IReadOnlyList<ModelPreset> All { get; } =
    [
        Clip("openai-clip-rn50", "OpenAI CLIP RN50", 1024),
        new("openai-clip-vit-b-32", OpenClipReference + "; Immich's export (open_clip, visual/preprocess_cfg.json agrees)",
            new ModelManifest
            {
                Name = "openai-clip-vit-b-32",
                Description = "OpenAI CLIP ViT-B/32, Immich's per-tower ONNX export (image and text search)",
                Image = ImageTower(224, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bicubic, OpenAiMean, OpenAiStd, "image_embedding", 512)
                    with { File = "visual/model.onnx", InputName = "image" },
                Text = ClipText(512) with
                {
                    File = "textual/model.onnx", InputName = "text", OutputName = "text_embedding", MergesFile = "textual/merges.txt", Int32Input = true,
                },
                LogitScale = ClipLogitScale,
            },
            Immich("ViT-B-32__openai", "b0921d05f0d91c47e3d97072fada0c1391a936f6",
                ("visual/model.onnx", 351_000_000), ("textual/model.onnx", 254_000_000), ("textual/merges.txt", 525_000))),
        new("siglip-vit-b-16-384", "open_clip pretrained.py _slpcfg (INCEPTION_MEAN/STD, bicubic, squash); ViT-B-16-SigLIP-384.json image_size 384",
            new ModelManifest
            {
                Name = "siglip-vit-b-16-384",
                Description = "SigLIP ViT-B/16 384 px (webli), Immich's per-tower ONNX export (image and text search)",
                Image = ImageTower(384, ResizeMode.Squash, ResampleFilter.Bicubic, InceptionMean, InceptionStd, "image_embedding", 768)
                    with { File = "visual/model.onnx", InputName = "image" },
                Text = new TextTowerSpec
                {
                    File = "textual/model.onnx", InputName = "text", OutputName = "text_embedding", Int32Input = true,
                    Tokenizer = TokenizerKind.SentencePiece, SentencePieceFile = "textual/spiece.model", ContextLength = 64, EmbeddingSize = 768,
                },
            },
            SigLip384Export()),
        Clip("openai-clip-vit-l-14", "OpenAI CLIP ViT-L/14", 768),
        Clip("openclip-vit-b-32-laion2b", "OpenCLIP ViT-B/32 laion2b_s34b_b79k", 512),
        new("siglip-base-patch16-224", "open_clip pretrained.py _slpcfg (INCEPTION_MEAN/STD, bicubic, squash); ViT-B-16-SigLIP.json context_length 64",
            new ModelManifest
            {
                Name = "siglip-base-patch16-224",
                Description = "SigLIP ViT-B/16 224 (image tower only; for SigLIP text search pull siglip-vit-b-16-384)",
                Image = ImageTower(224, ResizeMode.Squash, ResampleFilter.Bicubic, InceptionMean, InceptionStd, "image_embeds", 768),
            }),
        new("mobileclip-s2", "open_clip pretrained.py _mccfg (mean 0, std 1, bilinear, shortest); MobileCLIP-S2.json image_size 256",
            new ModelManifest
            {
                Name = "mobileclip-s2",
                Description = "Apple MobileCLIP-S2 (open_clip export), 256 px, no normalisation",
                Image = ImageTower(256, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bilinear, null, null, "image_embeds", 512),
                Text = ClipText(512),
                LogitScale = ClipLogitScale,
            }),
        new("dinov2-small", "transformers BitImageProcessor (facebook/dinov2-small preprocessor_config: shortest_edge 256, resample 3, crop 224, ImageNet mean/std)",
            new ModelManifest
            {
                Name = "dinov2-small",
                Description = "DINOv2 ViT-S/14: pooler_output (layer-normed class token)",
                Image = ImageTower(224, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bicubic, ImageNetMean, ImageNetStd, "pooler_output", 384) with { ResizeShortSide = 256 },
            }),
        new("dinov2-base", "as dinov2-small (facebook/dinov2-base)",
            new ModelManifest
            {
                Name = "dinov2-base",
                Description = "DINOv2 ViT-B/14: class token of last_hidden_state",
                Image = ImageTower(224, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bicubic, ImageNetMean, ImageNetStd, "last_hidden_state", 768)
                    with { ResizeShortSide = 256, TakeClassToken = true },
            }),
        new("resnet50", "torchvision ResNet50_Weights.IMAGENET1K_V1 transforms: Resize(256, bilinear), CenterCrop(224), ImageNet mean/std",
            new ModelManifest
            {
                Name = "resnet50",
                Description = "ResNet-50 penultimate layer: the layer4 feature map, global mean pooled (2048-d)",
                Image = ImageTower(224, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bilinear, ImageNetMean, ImageNetStd, "features", 2048)
                    with { ResizeShortSide = 256, InputName = "input", Pooling = FeaturePooling.Mean },
            }),
        new("efficientnet-b0-keras", "timm efficientnet_b0 pretrained_cfg: crop_pct 0.875, bicubic, ImageNet mean/std; Keras/TF export takes NHWC",
            new ModelManifest
            {
                Name = "efficientnet-b0-keras",
                Description = "EfficientNet-B0 penultimate (global-average-pooled 1280-d), NHWC input as TF/Keras exports it",
                Image = ImageTower(224, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bicubic, ImageNetMean, ImageNetStd, "embedding", 1280)
                    with { ResizeShortSide = 256, InputName = "input", InputLayout = TensorLayout.Nhwc },
            }),
    ];

    /// <summary>
    /// Immich's per-tower exports of open_clip models (immich-app/NAME on Hugging Face, made by immich-app/ml-models'
    /// exporter: input "image" [1,3,S,S] float / "text" [1,context] int32, outputs image_embedding / text_embedding,
    /// batch fixed at 1), pinned to one commit. Sizes as the repository's file listing shows them; no checksums are
    /// published beside them, so the first complete download's are recorded.
    /// </summary>
    private static PublishedExport Immich(string repository, string commit, params (string Path, long Bytes)[] files) =>
        new($"huggingface.co/immich-app/{repository} @ {commit}",
            files.Select(f => new PublishedFile(f.Path, new Uri($"https://huggingface.co/immich-app/{repository}/resolve/{commit}/{f.Path}"), f.Bytes)).ToList());

    /// <summary>
    /// Immich's SigLIP ViT-B/16-384 towers. Immich ships the tokenizer only as Hugging Face's tokenizer.json; the
    /// SentencePiece model of the same tokenizer (SigLIP's 32k English vocabulary) comes from Google's repository.
    /// </summary>
    private static PublishedExport SigLip384Export()
    {
        var immich = Immich("ViT-B-16-SigLIP-384__webli", "7b9c8f45d1351590bd1de4f1a54591af23286a53",
            ("visual/model.onnx", 370_000_000), ("textual/model.onnx", 441_000_000));
        var spiece = new PublishedFile("textual/spiece.model",
            new Uri("https://huggingface.co/google/siglip-base-patch16-224/resolve/5b1f0cc959a26b8e3bc3e6967d547827c05e5026/spiece.model"), 798_000);
        return immich with { Source = immich.Source + " + huggingface.co/google/siglip-base-patch16-224 @ 5b1f0cc959a26b8e3bc3e6967d547827c05e5026 (spiece.model)", Files = [.. immich.Files, spiece] };
    }

    public static ModelPreset? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ModelPreset Clip(string name, string description, int dimension) => new(name, OpenClipReference,
        new ModelManifest
        {
            Name = name,
            Description = description,
            Image = ImageTower(224, ResizeMode.ShortestSideCenterCrop, ResampleFilter.Bicubic, OpenAiMean, OpenAiStd, "image_embeds", dimension),
            Text = ClipText(dimension),
            LogitScale = ClipLogitScale,
        });

    private static ImageTowerSpec ImageTower(int size, ResizeMode resize, ResampleFilter filter, float[]? mean, float[]? std, string output, int dimension) => new()
    {
        File = "image.onnx",
        InputName = "pixel_values",
        InputSize = size,
        Resize = resize,
        Filter = filter,
        Mean = mean,
        Std = std,
        OutputName = output,
        EmbeddingSize = dimension,
    };

    private static TextTowerSpec ClipText(int dimension) => new()
    {
        File = "text.onnx",
        InputName = "input_ids",
        OutputName = "text_embeds",
        Tokenizer = TokenizerKind.ClipBpe,
        MergesFile = "bpe_simple_vocab_16e6.txt",
        ContextLength = 77,
        EmbeddingSize = dimension,
    };
}
