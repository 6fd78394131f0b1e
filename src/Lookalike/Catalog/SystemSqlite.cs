using System.Runtime.InteropServices;

namespace Lookalike.Catalog;

/// <summary>
/// Points Microsoft.Data.Sqlite at the system's libsqlite3. Still needed with the system libvips, which
/// Lookalike prefers when installed (it decodes HEIC, see Loading/NativeLibvips.cs): Debian's libvips 8.14
/// loads its openslide module at start-up, which loads libsqlite3 into the global symbol scope; a second,
/// bundled SQLite (e_sqlite3) in the same process then has its exported functions bound to the system copy
/// and crashes (checked again with SQLitePCLRaw.bundle_e_sqlite3 3.0.5 / SQLite 3.53.3 and NetVips:
/// segmentation fault on the first write). The bundled libvips (NetVips.Native) has no modules and loads no
/// SQLite, but one SQLite for both builds keeps the catalog independent of which libvips was chosen.
/// <see cref="ImageCatalog.Open"/> calls <see cref="Use"/>; so must anything else that opens a SqliteConnection first.
/// </summary>
public static class SystemSqlite
{
    private const string Library = "libsqlite3.so.0";
    private static int _done;

    public static void Use()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        // The provider P/Invokes "e_sqlite3" (SQLite under another name): resolve that to the system library.
        NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly,
            (name, _, _) => name == "e_sqlite3" ? NativeLibrary.Load(Library) : IntPtr.Zero);
        SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());
    }
}
