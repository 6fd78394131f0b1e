using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Web;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike serve [FOLDER...]</c>: the web app for reviewing duplicates, searching and exploring (Lookalike.Web).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders")
        {
            Description = "Folders to serve and index (default: the folder whose .lookalike/ holds the catalog found above the current one)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var database = CommonOptions.Database();
        var model = ModelChoice.Option();
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on; anything but loopback (127.0.0.1, ::1, localhost) needs --token",
            DefaultValueFactory = _ => ["http://127.0.0.1:5000"],
            AllowMultipleArgumentsPerToken = true,
        };
        var token = new Option<string?>("--token") { Description = "Secret to open the app with (http://HOST:PORT/?token=SECRET); required off loopback" };
        var noIndex = new Option<bool>("--no-index") { Description = "Do not index the folders on start (the Index page can)" };
        var command = new Command("serve", "Serve the web app: review duplicates, search, compare, explore and index from a browser")
        {
            folders, database, model, urls, token, noIndex,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var (roots, catalogPath) = Locate(parse.GetValue(folders)!, parse.GetValue(database));
            var options = new ServeOptions(roots, catalogPath, parse.GetValue(urls)!, parse.GetValue(token), ModelChoice.DirectoryOf(parse.GetValue(model)))
            {
                IndexOnStart = !parse.GetValue(noIndex),
            };
            LookalikeServer server;
            try
            {
                server = await LookalikeServer.StartAsync(options, cancel);
            }
            catch (ArgumentException e)
            {
                throw new BadInputException(e.Message);
            }
            catch (IOException e)
            {
                throw new BadInputException($"cannot listen on {string.Join(", ", options.Urls)}: {e.Message}");
            }
            await using (server)
            {
                Console.Out.WriteLine($"Serving {catalogPath} on {string.Join(", ", server.Urls)} (Ctrl+C to stop)");
                await server.WaitForShutdownAsync(cancel);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The served folders and the catalog: given folders (catalog in the first one's .lookalike/ or --db), else
    /// the catalog found upwards from here and the folder holding its .lookalike/.</summary>
    private static (IReadOnlyList<string> Folders, string CatalogPath) Locate(string[] folders, string? database)
    {
        if (folders.Length > 0)
        {
            var missing = folders.FirstOrDefault(f => !Directory.Exists(f));
            if (missing is not null) throw new BadInputException($"{missing}: no such folder.");
            return ([.. folders.Select(f => Path.GetFullPath(f).TrimEnd('/'))], CatalogLocation.ForIndexing(folders, database));
        }
        if (database is not null) throw new BadInputException("give the FOLDERs to serve with --db (only images inside them are shown).");
        var found = CatalogLocation.Existing([], null);
        return ([Path.GetDirectoryName(Path.GetDirectoryName(found)!)!], found);
    }
}
