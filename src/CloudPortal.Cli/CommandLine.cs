using System.CommandLine;

namespace CloudPortal.Cli;

/// <summary>Maps the command line to the library. Exit codes: 0 success, 1 content errors, 2 bad usage.</summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int ContentErrors = 1;
    public const int BadUsage = 2;

    /// <summary>The global option every command reads by name (<c>parse.GetValue&lt;bool&gt;(Quiet)</c>).</summary>
    public const string Quiet = "--quiet";

    /// <param name="clock">Today's date for <c>new</c>; tests pass a fixed one.</param>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? clock = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        clock ??= TimeProvider.System;
        var root = new RootCommand("cloudportal: builds the bilingual CloudPortal site from Markdown articles and YAML data.");
        root.Subcommands.Add(BuildCommand.Create(stdout, stderr, check: false));
        root.Subcommands.Add(BuildCommand.Create(stdout, stderr, check: true));
        root.Subcommands.Add(SchemasCommand.Create(stdout, stderr));
        root.Subcommands.Add(NewCommand.Create(stdout, stderr, clock));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));

        // Created per run, not shared: an option belongs to the command it is added to.
        root.Options.Add(new Option<bool>(Quiet, "-q")
        {
            Description = "Print only errors and a one-line summary (wins over --verbose)",
            Recursive = true,
        });

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"cloudportal: {error.Message}");
            }

            stderr.WriteLine("Run 'cloudportal --help' for usage.");
            return BadUsage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
