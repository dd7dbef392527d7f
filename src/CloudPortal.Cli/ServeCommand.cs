using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using CloudPortal.Diagnostics;
using CloudPortal.Server;

namespace CloudPortal.Cli;

/// <summary>
/// <c>cloudportal serve</c>: a live preview. The server, watcher and rebuilds are CloudPortal.Server's;
/// this maps arguments, prints what happens and turns Ctrl+C into an orderly stop.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var source = new Option<DirectoryInfo?>("--source", "-s")
        {
            Description = "The site root holding cloudportal.yaml, content/ and themes/ (default: the current folder)",
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = $"The port to listen on; 0 picks a free one (default: {PreviewOptions.DefaultPort})",
            DefaultValueFactory = _ => PreviewOptions.DefaultPort,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535");
            }
        });
        var bind = new Option<IPAddress?>("--bind")
        {
            Description = "The address to listen on (default: 127.0.0.1); anything but loopback makes the preview reachable from the network",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (text == "localhost")
                {
                    return IPAddress.Loopback;
                }

                if (IPAddress.TryParse(text, out var address))
                {
                    return address;
                }

                result.AddError($"--bind must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0, not '{text}'");
                return null;
            },
        };
        var open = new Option<bool>("--open")
        {
            Description = "Open the preview in the default browser",
        };
        var drafts = new Option<bool>("--drafts")
        {
            Description = "Include pages marked draft: true",
        };

        var command = new Command("serve", "Build the site into a temporary folder, serve it, and rebuild and reload the browser on every save");
        command.Options.Add(source);
        command.Options.Add(port);
        command.Options.Add(bind);
        command.Options.Add(open);
        command.Options.Add(drafts);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(source)?.FullName ?? Directory.GetCurrentDirectory();
            if (!Directory.Exists(root))
            {
                stderr.WriteLine($"cloudportal: the source folder {root} does not exist");
                return CommandLine.BadUsage;
            }

            var options = new PreviewOptions(root)
            {
                Address = parse.GetValue(bind) ?? IPAddress.Loopback,
                Port = parse.GetValue(port),
                IncludeDrafts = parse.GetValue(drafts),
            };
            return Serve(options, parse.GetValue(open), new Printer(stdout, stderr, parse.GetValue<bool>(CommandLine.Quiet)));
        });
        return command;
    }

    private static int Serve(PreviewOptions options, bool open, Printer printer)
    {
        if (!options.IsLoopback)
        {
            printer.Error($"cloudportal: warning: listening on {options.Address}: the preview, drafts included, is reachable from the network by anyone who can reach this machine");
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        PreviewServer server;
        try
        {
            server = PreviewServer.StartAsync(options, printer.Update, stop.Token, printer.Rendered).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            printer.Error($"cloudportal: cannot listen on {options.Address} port {options.Port}: {e.Message}"
                + (options.Port != 0 ? " (--port 0 picks a free port)" : ""));
            return CommandLine.BadUsage;
        }
        catch (OperationCanceledException)
        {
            return CommandLine.Success;
        }

        try
        {
            printer.Out($"Serving {options.SourceRoot} at {server.Url}");
            printer.Out("Watching cloudportal.yaml, content/ and themes/; press Ctrl+C to stop.");
            if (open)
            {
                OpenBrowser(server.Url, printer);
            }

            stop.Token.WaitHandle.WaitOne();
            printer.Out("Stopping.");
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return CommandLine.Success;

        // Cancel = true: the process does not die at once; Serve returns after cleaning up.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static void OpenBrowser(Uri url, Printer printer)
    {
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true }
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", url.AbsoluteUri)
            : new ProcessStartInfo("xdg-open", url.AbsoluteUri);
        try
        {
            using var process = Process.Start(start);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            printer.Error($"cloudportal: could not open a browser ({e.Message}); open {url} yourself");
        }
    }

    /// <summary>Prints builds as they happen. Builds report from the build task, so writes are serialized.</summary>
    private sealed class Printer(TextWriter stdout, TextWriter stderr, bool quiet)
    {
        private readonly Lock _gate = new();
        private HashSet<string> _warnings = [];

        public void Out(string line)
        {
            lock (_gate)
            {
                stdout.WriteLine(line);
                stdout.Flush();
            }
        }

        public void Error(string line)
        {
            lock (_gate)
            {
                stderr.WriteLine(line);
                stderr.Flush();
            }
        }

        public void Rendered(PreviewRendered rendered)
        {
            lock (_gate)
            {
                var at = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                var after = ((int)rendered.SinceChange.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                stdout.WriteLine($"{at} {rendered.SourcePath}: page shown ahead of the build; reload sent {after} ms after the save.");
                stdout.Flush();
            }
        }

        public void Update(PreviewUpdate update)
        {
            var outcome = update.Outcome;
            var result = outcome.Result;
            lock (_gate)
            {
                // Warnings once each: a rebuild repeats every warning of the site, and only new ones are news.
                var warnings = result.Diagnostics.Where(d => !d.IsError).Select(DiagnosticFormatter.Format).ToHashSet(StringComparer.Ordinal);
                foreach (var diagnostic in result.Diagnostics)
                {
                    var line = DiagnosticFormatter.Format(diagnostic);
                    if (diagnostic.IsError || (!quiet && !_warnings.Contains(line)))
                    {
                        stderr.WriteLine(line);
                    }
                }

                _warnings = warnings;
                var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                if (outcome.Number == 1)
                {
                    if (outcome.Success)
                    {
                        stdout.WriteLine($"Built {result.PageCount} pages ({string.Join(", ", result.PagesByKind.Select(k => $"{k.Key} {k.Value}"))}) in {seconds} s.");
                    }
                    else
                    {
                        stderr.WriteLine($"Build failed: {result.ErrorCount} error(s) in {seconds} s. Every page shows them until they are fixed.");
                    }
                }
                else
                {
                    var at = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                    var what = outcome.Changes.Count switch
                    {
                        0 => "changes",
                        1 => outcome.Changes[0],
                        var n => $"{outcome.Changes[0]} and {n - 1} more",
                    };
                    var after = ((int)update.SinceChange.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                    if (outcome.Success)
                    {
                        var sent = update.EventSent is null ? "no page changed" : $"{update.EventSent} sent {after} ms after the save";
                        stdout.WriteLine($"{at} {what}: rebuilt in {seconds} s ({result.FilesWritten} written, {result.FilesRemoved} removed); {sent}.");
                    }
                    else
                    {
                        stderr.WriteLine($"{at} {what}: build failed with {result.ErrorCount} error(s); still serving the last good build, with the errors over every page.");
                    }
                }

                stdout.Flush();
                stderr.Flush();
            }
        }
    }
}
