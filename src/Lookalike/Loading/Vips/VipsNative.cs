using System.Runtime.InteropServices;

namespace Lookalike.Loading.Vips;

/// <summary>
/// The handful of libvips/GObject entry points Lookalike uses. Only fixed-argument functions:
/// operations are driven through <see cref="VipsOperation"/> (GObject properties), never through the
/// C varargs wrappers such as vips_thumbnail(), whose calling convention P/Invoke cannot promise.
/// </summary>
internal static partial class VipsNative
{
    private const string Vips = "libvips.so.42";
    private const string GObject = "libgobject-2.0.so.0";
    private const string GLib = "libglib-2.0.so.0";

    /// <summary>A GValue: the GType plus two 8-byte data words. Must be zeroed before g_value_init.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct GValue
    {
        public nuint GType;
        public ulong Data0;
        public ulong Data1;
    }

    // Fundamental GTypes (G_TYPE_MAKE_FUNDAMENTAL(n) = n << 2).
    internal const nuint GTypeBoolean = 5 << 2;
    internal const nuint GTypeInt = 6 << 2;
    internal const nuint GTypeEnum = 12 << 2;
    internal const nuint GTypeFlags = 13 << 2;
    internal const nuint GTypeDouble = 15 << 2;
    internal const nuint GTypeString = 16 << 2;
    internal const nuint GTypeBoxed = 18 << 2;
    internal const nuint GTypeObject = 20 << 2;

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_init(string argv0);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Vips)]
    internal static partial void vips_concurrency_set(int concurrency);

    [LibraryImport(Vips)]
    internal static partial void vips_cache_set_max(int max);

    [LibraryImport(Vips)]
    internal static partial void vips_block_untrusted_set(int state);

    [LibraryImport(Vips)]
    internal static partial IntPtr vips_error_buffer();

    [LibraryImport(Vips)]
    internal static partial void vips_error_clear();

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr vips_foreign_find_load(string filename);

    [LibraryImport(Vips)]
    internal static partial IntPtr vips_nickname_find(nuint type);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr vips_operation_new(string name);

    [LibraryImport(Vips)]
    internal static partial IntPtr vips_cache_operation_build(IntPtr operation);

    [LibraryImport(Vips)]
    internal static partial void vips_object_unref_outputs(IntPtr obj);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_enum_from_nick(string domain, nuint type, string nick);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_flags_from_nick(string domain, nuint type, string nick);

    [LibraryImport(Vips)]
    internal static partial void vips_value_set_array_double(ref GValue value, [In] double[] array, int n);

    [LibraryImport(Vips)]
    internal static partial nuint vips_image_get_type();

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_width(IntPtr image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_height(IntPtr image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_bands(IntPtr image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_format(IntPtr image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_interpretation(IntPtr image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_hasalpha(IntPtr image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nuint vips_image_get_typeof(IntPtr image, string name);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_image_get_string(IntPtr image, string name, out IntPtr value);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_image_get_int(IntPtr image, string name, out int value);

    [LibraryImport(Vips)]
    internal static partial IntPtr vips_image_write_to_memory(IntPtr image, out nuint size);

    [LibraryImport(GObject)]
    internal static partial void g_value_init(ref GValue value, nuint type);

    [LibraryImport(GObject)]
    internal static partial void g_value_unset(ref GValue value);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_boolean(ref GValue value, int b);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_int(ref GValue value, int i);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_double(ref GValue value, double d);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_value_set_string(ref GValue value, string s);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_enum(ref GValue value, int e);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_flags(ref GValue value, uint f);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_object(ref GValue value, IntPtr obj);

    [LibraryImport(GObject)]
    internal static partial IntPtr g_value_dup_object(ref GValue value);

    [LibraryImport(GObject)]
    internal static partial nuint g_type_fundamental(nuint type);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nuint g_type_from_name(string name);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr g_object_class_find_property(IntPtr objectClass, string name);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_object_set_property(IntPtr obj, string name, ref GValue value);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_object_get_property(IntPtr obj, string name, ref GValue value);

    [LibraryImport(GObject)]
    internal static partial void g_object_unref(IntPtr obj);

    [LibraryImport(GLib)]
    internal static partial void g_free(IntPtr mem);
}
