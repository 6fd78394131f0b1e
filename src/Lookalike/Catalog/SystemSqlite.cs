using System.Runtime.InteropServices;

namespace Lookalike.Catalog;

/// <summary>
/// Points Microsoft.Data.Sqlite at the system's libsqlite3. libvips loads its openslide module at
/// start-up, which loads libsqlite3 into the global symbol scope; a second, bundled SQLite (e_sqlite3)
/// in the same process then has its exported functions bound to the system copy and crashes in
/// sqlite3Malloc. One SQLite per process avoids that. <see cref="ImageCatalog.Open"/> calls
/// <see cref="Use"/>; so must anything else that opens a SqliteConnection first.
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
