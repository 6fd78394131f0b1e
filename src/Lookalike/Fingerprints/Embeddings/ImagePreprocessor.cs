using Lookalike.Loading;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Turns an <see cref="RgbImage"/> into one image's slice of the model input tensor, following the
/// manifest: optional margin trim, resize by the family's rule and resampler, 0..1 scaling, mean/std.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly ImageTowerSpec _spec;
    private readonly float[] _scale = new float[3];
    private readonly float[] _offset = new float[3];

    public ImagePreprocessor(ImageTowerSpec spec)
    {
        _spec = spec;
        for (int c = 0; c < 3; c++)
        {
            // value = (byte / 255 - mean) / std, folded into one multiply-add per element.
            float mean = spec.Mean?[c] ?? 0f, std = spec.Std?[c] ?? 1f;
            _scale[c] = 1f / (255f * std);
            _offset[c] = -mean / std;
        }
    }

    public int InputSize => _spec.InputSize;

    /// <summary>Floats one image takes in the input tensor.</summary>
    public int ValuesPerImage => 3 * _spec.InputSize * _spec.InputSize;

    /// <summary>Shape of a batch of <paramref name="batch"/> images.</summary>
    public long[] BatchShape(int batch) => _spec.InputLayout == TensorLayout.Nchw
        ? [batch, 3, _spec.InputSize, _spec.InputSize]
        : [batch, _spec.InputSize, _spec.InputSize, 3];

    /// <summary>Writes <paramref name="image"/> into <paramref name="target"/> (length <see cref="ValuesPerImage"/>).</summary>
    public void Fill(RgbImage image, Span<float> target) => Fill(image, null, target);

    /// <param name="content">The image's content inside its margins when already found (<see cref="MarginTrimmer.ContentRect"/>),
    /// used when the model trims margins; null: found here.</param>
    internal void Fill(RgbImage image, PixelRect? content, Span<float> target)
    {
        if (target.Length != ValuesPerImage) throw new ArgumentException($"Target must hold {ValuesPerImage} values.", nameof(target));
        int size = _spec.InputSize;
        var region = _spec.TrimMargins ? content ?? MarginTrimmer.ContentRect(image) : PixelRect.Whole(image);
        switch (_spec.Resize)
        {
            case ResizeMode.Squash:
                Write(ImageResampler.ResizeWindow(image, region, size, size, new PixelRect(0, 0, size, size), _spec.Filter), new PixelRect(0, 0, size, size), target);
                break;
            case ResizeMode.ShortestSideCenterCrop:
            {
                // torchvision Resize(int): shortest side to `side`, the other truncated; CenterCrop rounds the offset.
                int side = _spec.ResizeShortSide ?? size;
                var (width, height) = region.Width <= region.Height
                    ? (side, (int)((long)side * region.Height / region.Width))
                    : ((int)((long)side * region.Width / region.Height), side);
                var window = new PixelRect((int)Math.Round((width - size) / 2.0), (int)Math.Round((height - size) / 2.0), size, size);
                Write(ImageResampler.ResizeWindow(image, region, width, height, window, _spec.Filter), new PixelRect(0, 0, size, size), target);
                break;
            }
            case ResizeMode.Letterbox:
            {
                var (width, height) = region.Width >= region.Height
                    ? (size, Math.Max(1, (int)Math.Round((double)size * region.Height / region.Width)))
                    : (Math.Max(1, (int)Math.Round((double)size * region.Width / region.Height)), size);
                FillPadding(target);
                var placed = new PixelRect((size - width) / 2, (size - height) / 2, width, height);
                Write(ImageResampler.ResizeWindow(image, region, width, height, new PixelRect(0, 0, width, height), _spec.Filter), placed, target);
                break;
            }
            default:
                throw new ModelException($"Unknown resize mode {_spec.Resize}.");
        }
    }

    /// <summary>Letterbox bars: the normalised mean colour (0 after normalisation), mid-grey for 0..1 input.</summary>
    private void FillPadding(Span<float> target)
    {
        int plane = _spec.InputSize * _spec.InputSize;
        for (int c = 0; c < 3; c++)
        {
            float value = _spec.Mean is null ? 0.5f : 0f;
            if (_spec.InputLayout == TensorLayout.Nchw) target.Slice(c * plane, plane).Fill(value);
            else for (int i = 0; i < plane; i++) target[i * 3 + c] = value;
        }
    }

    /// <summary>Copies interleaved 0..255 RGB into <paramref name="placed"/> of the tensor slice, scaled and normalised.</summary>
    private void Write(float[] rgb, PixelRect placed, Span<float> target)
    {
        int size = _spec.InputSize, plane = size * size;
        bool planar = _spec.InputLayout == TensorLayout.Nchw;
        float s0 = _scale[0], s1 = _scale[1], s2 = _scale[2], o0 = _offset[0], o1 = _offset[1], o2 = _offset[2];
        for (int y = 0; y < placed.Height; y++)
        {
            for (int x = 0; x < placed.Width; x++)
            {
                int src = (y * placed.Width + x) * 3;
                int pixel = (placed.Y + y) * size + placed.X + x;
                float r = rgb[src] * s0 + o0, g = rgb[src + 1] * s1 + o1, b = rgb[src + 2] * s2 + o2;
                if (planar) { target[pixel] = r; target[plane + pixel] = g; target[2 * plane + pixel] = b; }
                else { target[pixel * 3] = r; target[pixel * 3 + 1] = g; target[pixel * 3 + 2] = b; }
            }
        }
    }
}
