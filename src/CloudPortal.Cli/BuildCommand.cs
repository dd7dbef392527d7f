using System.CommandLine;
using CloudPortal.Build;

namespace CloudPortal.Cli;

/// <summary><c>cloudportal build</c> and <c>cloudportal check</c>: the same stages, with and without writing.</summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool check)
    {
        var source = new Option<DirectoryInfo?>("--source", "-s")
        {
            Description = "The site root holding cloudportal.yaml, content/ and themes/ (default: the current folder)",
        };
        var output = new Option<DirectoryInfo?>("--output", "-o")
        {
            Description = "Where the site is written (default: public/ under the site root)",
        };
        var drafts = new Option<bool>("--drafts")
        {
            Description = "Include pages marked draft: true",
        };

        var command = check
            ? new Command("check", "Run every validation of a build (data, references, templates, links) without writing output")
            : new Command("build", "Build the site into the output folder; a failed build leaves the previous output untouched");
        command.Options.Add(source);
        command.Options.Add(drafts);
        if (!check)
        {
            command.Options.Add(output);
        }

        command.SetAction(parse =>
        {
            var root = parse.GetValue(source)?.FullName ?? Directory.GetCurrentDirectory();
            if (!Directory.Exists(root))
            {
                stderr.WriteLine($"cloudportal: the source folder {root} does not exist");
                return CommandLine.BadUsage;
            }

            var options = new BuildOptions(root)
            {
                OutputDirectory = check ? null : parse.GetValue(output)?.FullName,
                IncludeDrafts = parse.GetValue(drafts),
                WriteOutput = !check,
            };
            var result = SiteBuilder.Build(options);
            Report.Print(result, options, check, stdout, stderr);
            return result.Success ? CommandLine.Success : CommandLine.ContentErrors;
        });
        return command;
    }
}
