using System.CommandLine;
using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;

namespace CloudPortal.Cli;

/// <summary><c>cloudportal schemas</c>: writes the JSON Schemas of front matter and data for editors.</summary>
internal static class SchemasCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var source = new Option<DirectoryInfo?>("--source", "-s")
        {
            Description = "The site root holding cloudportal.yaml (default: the current folder)",
        };
        var output = new Option<DirectoryInfo?>("--output", "-o")
        {
            Description = "Where the schemas are written (default: schemas/ under the site root)",
        };
        var command = new Command("schemas", "Write JSON Schemas for front matter and every data kind, generated from the typed definitions");
        command.Options.Add(source);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(source)?.FullName ?? Directory.GetCurrentDirectory();
            var diagnostics = new DiagnosticBag();
            var config = Configuration.SiteConfigReader.Read(root, diagnostics);
            if (config is null)
            {
                foreach (var d in diagnostics.ToSortedList())
                {
                    stderr.WriteLine(DiagnosticFormatter.Format(d));
                }

                return CommandLine.ContentErrors;
            }

            var folder = parse.GetValue(output)?.FullName ?? Path.Combine(root, DataSchemas.Folder);
            Directory.CreateDirectory(folder);
            foreach (var (name, json) in DataSchemas.Generate(config.LanguageCodes))
            {
                File.WriteAllText(Path.Combine(folder, name), json);
                stdout.WriteLine(Path.Combine(folder, name));
            }

            return CommandLine.Success;
        });
        return command;
    }
}
