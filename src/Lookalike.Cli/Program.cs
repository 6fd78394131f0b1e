using System.CommandLine;
using Lookalike.Cli.Commands;

// Every command lives in Commands/, one file each, and is registered here.
var root = new RootCommand("Lookalike: find duplicate and similar images.")
{
    IndexCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
