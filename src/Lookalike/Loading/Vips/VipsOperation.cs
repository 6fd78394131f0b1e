using System.Runtime.InteropServices;

namespace Lookalike.Loading.Vips;

/// <summary>
/// Calls any libvips operation by name through the GObject property interface, the fixed-argument way
/// that language bindings such as pyvips use: create the operation, set each argument as a property
/// (converted to the property's declared type), build it, and read the "out" image.
/// </summary>
internal static class VipsOperation
{
    /// <summary>Runs operation <paramref name="name"/> and returns its "out" image.</summary>
    /// <param name="arguments">Values are string, int, double, bool, double[] or <see cref="VipsImage"/>;
    /// enum and flag arguments are given by their nick (e.g. "down", "srgb").</param>
    public static VipsImage Call(string name, params (string Name, object Value)[] arguments)
    {
        VipsLibrary.EnsureStarted();
        var operation = VipsNative.vips_operation_new(name);
        if (operation == IntPtr.Zero) throw new VipsException($"no libvips operation '{name}': {VipsLibrary.TakeError()}");
        try
        {
            foreach (var (argument, value) in arguments) Set(operation, name, argument, value);
            var built = VipsNative.vips_cache_operation_build(operation);
            if (built == IntPtr.Zero)
            {
                VipsNative.vips_object_unref_outputs(operation);
                throw new VipsException(VipsLibrary.TakeError());
            }
            try
            {
                return new VipsImage(GetImage(built, "out"));
            }
            finally
            {
                VipsNative.vips_object_unref_outputs(built);
                VipsNative.g_object_unref(built);
            }
        }
        finally
        {
            VipsNative.g_object_unref(operation);
        }
    }

    private static void Set(IntPtr operation, string operationName, string name, object value)
    {
        var type = PropertyType(operation, name)
                   ?? throw new ArgumentException($"libvips operation '{operationName}' has no argument '{name}'");
        var gvalue = default(VipsNative.GValue);
        VipsNative.g_value_init(ref gvalue, type);
        try
        {
            switch (VipsNative.g_type_fundamental(type), value)
            {
                case (VipsNative.GTypeBoolean, bool b): VipsNative.g_value_set_boolean(ref gvalue, b ? 1 : 0); break;
                case (VipsNative.GTypeInt, int i): VipsNative.g_value_set_int(ref gvalue, i); break;
                case (VipsNative.GTypeDouble, double d): VipsNative.g_value_set_double(ref gvalue, d); break;
                case (VipsNative.GTypeDouble, int i): VipsNative.g_value_set_double(ref gvalue, i); break;
                case (VipsNative.GTypeString, string s): VipsNative.g_value_set_string(ref gvalue, s); break;
                case (VipsNative.GTypeEnum, string nick):
                    var e = VipsNative.vips_enum_from_nick(operationName, type, nick);
                    if (e < 0) throw new VipsException(VipsLibrary.TakeError());
                    VipsNative.g_value_set_enum(ref gvalue, e);
                    break;
                case (VipsNative.GTypeFlags, string nick):
                    var f = VipsNative.vips_flags_from_nick(operationName, type, nick);
                    if (f < 0) throw new VipsException(VipsLibrary.TakeError());
                    VipsNative.g_value_set_flags(ref gvalue, (uint)f);
                    break;
                case (VipsNative.GTypeBoxed, double[] array): VipsNative.vips_value_set_array_double(ref gvalue, array, array.Length); break;
                case (VipsNative.GTypeObject, VipsImage image): VipsNative.g_value_set_object(ref gvalue, image.DangerousGetHandle()); break;
                default: throw new ArgumentException($"cannot pass a {value.GetType().Name} as '{name}' of libvips operation '{operationName}'");
            }
            VipsNative.g_object_set_property(operation, name, ref gvalue);
        }
        finally
        {
            VipsNative.g_value_unset(ref gvalue);
        }
    }

    private static IntPtr GetImage(IntPtr operation, string name)
    {
        var gvalue = default(VipsNative.GValue);
        VipsNative.g_value_init(ref gvalue, VipsNative.vips_image_get_type());
        try
        {
            VipsNative.g_object_get_property(operation, name, ref gvalue);
            return VipsNative.g_value_dup_object(ref gvalue);
        }
        finally
        {
            VipsNative.g_value_unset(ref gvalue);
        }
    }

    /// <summary>The declared GType of a property, from its GParamSpec (value_type follows the instance
    /// pointer, the name pointer and the flags word: offset 24 on 64-bit).</summary>
    private static nuint? PropertyType(IntPtr obj, string name)
    {
        var objectClass = Marshal.ReadIntPtr(obj); // G_OBJECT_GET_CLASS: first field of the instance
        var spec = VipsNative.g_object_class_find_property(objectClass, name);
        return spec == IntPtr.Zero ? null : (nuint)Marshal.ReadIntPtr(spec, 3 * IntPtr.Size);
    }
}
