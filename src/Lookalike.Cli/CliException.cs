namespace Lookalike.Cli;

/// <summary>A problem the user can fix, reported as one line on stderr with exit code 1 (no stack trace).</summary>
internal sealed class CliException(string message) : Exception(message);
