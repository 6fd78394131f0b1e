using System.Runtime.InteropServices;

namespace Lookalike.Loading.Vips;

/// <summary>An owned reference to a VipsImage (a GObject); disposing drops the reference.</summary>
internal sealed class VipsImage : SafeHandle
{
    public VipsImage(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    public int Width => VipsNative.vips_image_get_width(handle);
    public int Height => VipsNative.vips_image_get_height(handle);
    public int Bands => VipsNative.vips_image_get_bands(handle);
    public VipsBandFormat Format => (VipsBandFormat)VipsNative.vips_image_get_format(handle);
    public VipsInterpretation Interpretation => (VipsInterpretation)VipsNative.vips_image_get_interpretation(handle);
    public bool HasAlpha => VipsNative.vips_image_hasalpha(handle) != 0;

    /// <summary>A metadata string (e.g. "exif-ifd0-Make"), or null when the image has none.</summary>
    public string? GetString(string name)
    {
        if (VipsNative.vips_image_get_typeof(handle, name) == 0) return null;
        return VipsNative.vips_image_get_string(handle, name, out var value) == 0 ? Marshal.PtrToStringUTF8(value) : null;
    }

    /// <summary>A metadata integer (e.g. "orientation"), or null when the image has none.</summary>
    public int? GetInt(string name)
    {
        if (VipsNative.vips_image_get_typeof(handle, name) == 0) return null;
        return VipsNative.vips_image_get_int(handle, name, out var value) == 0 ? value : null;
    }

    /// <summary>Runs the pipeline and copies the pixels out (band-interleaved, row by row).</summary>
    public byte[] ToBytes()
    {
        var memory = VipsNative.vips_image_write_to_memory(handle, out var size);
        if (memory == IntPtr.Zero) throw new VipsException(VipsLibrary.TakeError());
        try
        {
            var bytes = new byte[checked((int)size)];
            Marshal.Copy(memory, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            VipsNative.g_free(memory);
        }
    }

    protected override bool ReleaseHandle()
    {
        VipsNative.g_object_unref(handle);
        return true;
    }
}

internal enum VipsBandFormat { NotSet = -1, UChar = 0, Char, UShort, Short, UInt, Int, Float, Complex, Double, DoubleComplex }

internal enum VipsInterpretation
{
    Multiband = 0, BW = 1, Histogram = 10, XYZ = 12, Lab = 13, CMYK = 15, LabQ = 16, RGB = 17, CMC = 18, LCh = 19,
    LabS = 21, sRGB = 22, YXY = 23, Fourier = 24, RGB16 = 25, Grey16 = 26, Matrix = 27, scRGB = 28, HSV = 29,
}
