namespace Lookalike;

/// <summary>
/// A problem the user can fix (a missing folder, an unusable catalog, a bad value), with a message that names the
/// file or value in the user's words. Front ends (the CLI, the web app) show the message instead of a stack trace and
/// map the subclass to an exit code or status; anything else that escapes the library is a bug.
/// </summary>
public abstract class LookalikeException : Exception
{
    protected LookalikeException(string message) : base(message) { }

    protected LookalikeException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A file, folder or value the user gave cannot be used (missing, unreadable, out of range).</summary>
public sealed class BadInputException : LookalikeException
{
    public BadInputException(string message) : base(message) { }

    public BadInputException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The catalog cannot be found, opened or written (missing, not a catalog, from a newer Lookalike).</summary>
public sealed class CatalogException : LookalikeException
{
    public CatalogException(string message) : base(message) { }

    public CatalogException(string message, Exception inner) : base(message, inner) { }
}
