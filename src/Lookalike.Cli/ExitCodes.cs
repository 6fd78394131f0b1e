using Lookalike.Cli.Output;
using System.CommandLine;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;

namespace Lookalike.Cli;

/// <summary>
/// The one place that turns a run into an exit code (the table in docs/cli.md): the command line is checked first and
/// nothing is read or written when it is wrong; then every problem the user can fix is one line on stderr, never a
/// stack trace.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run finished, but some files could not be read or acted on (each named on stderr).</summary>
    public const int SomeFilesFailed = 1;
    /// <summary>The command line is wrong: an unknown option, an extra word, a value out of range.</summary>
    public const int Usage = 2;
    /// <summary>A file or folder named is missing or unusable, or settings contradict each other.</summary>
    public const int BadInput = 3;
    /// <summary>No catalog where one is needed, or it cannot be opened.</summary>
    public const int Catalog = 4;
    /// <summary>The embedding model is missing or unusable.</summary>
    public const int Model = 5;
    /// <summary>A bug: something Lookalike did not expect (one line; LOOKALIKE_DEBUG=1 shows the details).</summary>
    public const int Internal = 70;
    /// <summary>Interrupted (Ctrl+C); what was committed stays and the next run carries on.</summary>
    public const int Cancelled = 130;

    public static async Task<int> Run(Command root, string[] args)
    {
        StrictArguments.Apply(root);
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors.Select(e => e.Message).Distinct()) Terminal.Line(error);
                Console.Error.WriteLine($"Try '{string.Join(' ', CommandPath(parse))} --help'.");
                return Usage;
            }
            // The default handler would print exceptions as crashes with a stack trace; the catch below prints one line.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Code(e) != Internal || Environment.GetEnvironmentVariable("LOOKALIKE_DEBUG") != "1")
        {
            var code = Code(e);
            var message = code switch
            {
                Internal => $"internal error: {e.Message} (a bug: set LOOKALIKE_DEBUG=1 for details)",
                Catalog => $"{e.Message.TrimEnd('.')}; --db DIR picks the catalog's folder",
                _ => e.Message,
            };
            if (code != Cancelled) Terminal.Line(message);
            return code;
        }
    }

    private static int Code(Exception e) => e switch
    {
        BadInputException or ImageDecodeException => BadInput,
        CatalogException => Catalog,
        ModelException => Model,
        OperationCanceledException => Cancelled,
        _ => Internal,
    };

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result != null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(result.Command.Name);
        return names;
    }
}
