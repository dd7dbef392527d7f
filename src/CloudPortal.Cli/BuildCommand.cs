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
        var future = new Option<bool>("--future")
        {
            Description = "Include pages whose date is in the future",
        };
        var expired = new Option<bool>("--expired")
        {
            Description = "Include pages whose expires date has passed",
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print the time each stage took",
        };
        var baseUrl = new Option<Uri?>("--base-url")
        {
            Description = "Publish under this URL instead of the config's base_url (e.g. https://example.org/preview/)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"--base-url must be an absolute http(s) URL, not '{text}'");
                return null;
            },
        };

        var command = check
            ? new Command("check", "Run every validation of a build (data, references, templates, links) without writing output")
            : new Command("build", "Build the site into the output folder; a failed build leaves the previous output untouched");
        command.Options.Add(source);
        command.Options.Add(drafts);
        command.Options.Add(future);
        command.Options.Add(expired);
        command.Options.Add(baseUrl);
        command.Options.Add(verbose);
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
                IncludeFuture = parse.GetValue(future),
                IncludeExpired = parse.GetValue(expired),
                BaseUrl = parse.GetValue(baseUrl),
                WriteOutput = !check,
            };
            var quiet = parse.GetValue<bool>(CommandLine.Quiet);
            var result = !quiet && Report.IsInteractive(stdout) ? BuildProgressDisplay.Run(options) : SiteBuilder.Build(options);
            Report.Print(result, options, check, stdout, stderr, parse.GetValue(verbose), quiet);
            return result.Success ? CommandLine.Success : CommandLine.ContentErrors;
        });
        return command;
    }
}
