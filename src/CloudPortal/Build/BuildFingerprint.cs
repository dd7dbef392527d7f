using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using CloudPortal.Diagnostics;

namespace CloudPortal.Build;

/// <summary>A warning of the last build, kept to be shown again when the next build finds nothing to do.</summary>
internal sealed record StoredDiagnostic(string File, int Line, int Column, string Message);

/// <summary>
/// What the last successful build of an output folder was made from: every input file's path, size and
/// modification time, the options, and the engine itself. When all of that is unchanged and the output
/// files are as that build left them, the output is already what a build would write, so the build can
/// stop before loading anything. Output is a pure function of those inputs (and of the date, for
/// future and expiring pages, which is why the fingerprint also records until when it holds).
/// </summary>
internal sealed record BuildFingerprint(
    string Inputs,
    DateTimeOffset ValidUntil,
    Dictionary<string, int> PagesByKind,
    List<StoredDiagnostic> Warnings)
{
    public static string Compute(BuildOptions options, string theme) => Compute(options, theme, out _);

    /// <param name="files">The size and modification time of every file under content/ as seen, by '/'-separated path from the site root.</param>
    public static string Compute(BuildOptions options, string theme, out Dictionary<string, (long Size, long MtimeTicks)> files)
    {
        files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var root = Path.GetFullPath(options.SourceRoot);
        var hash = new XxHash128();
        void Add(string text) => hash.Append(Encoding.UTF8.GetBytes(text + "\n"));

        Add(typeof(BuildFingerprint).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add($"drafts={options.IncludeDrafts} future={options.IncludeFuture} expired={options.IncludeExpired} base={options.BaseUrl} out={options.ResolvedOutput}");
        foreach (var folder in new[] { "content", Path.Combine("themes", theme) })
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            // Names first, then one stat per file on every core: the stats are most of the cost.
            var found = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).ToArray()
                .AsParallel()
                .Select(f => new FileInfo(f))
                .Select(f => (Path: Path.GetRelativePath(root, f.FullName), f.Length, f.LastWriteTimeUtc.Ticks))
                .ToArray()
                .OrderBy(f => f.Path, StringComparer.Ordinal);
            foreach (var (path, length, ticks) in found)
            {
                Add($"{path}\t{length}\t{ticks}");
                files[path.Replace('\\', '/')] = (length, ticks);
            }
        }

        var config = new FileInfo(Path.Combine(root, Configuration.SiteConfig.FileName));
        Add(config.Exists ? $"config\t{config.Length}\t{config.LastWriteTimeUtc.Ticks}" : "no config");
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    public static string PathFor(BuildOptions options) =>
        Path.Combine(options.CacheDirectory, "build-" + Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(options.ResolvedOutput))) + ".json");

    public static BuildFingerprint? Load(BuildOptions options)
    {
        try
        {
            var path = PathFor(options);
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), FingerprintJson.Default.BuildFingerprint) : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable cache only costs a full build
        }
    }

    public void Save(BuildOptions options)
    {
        Directory.CreateDirectory(options.CacheDirectory);
        var path = PathFor(options);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, FingerprintJson.Default.BuildFingerprint));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static void Forget(BuildOptions options) => File.Delete(PathFor(options));

    public IEnumerable<Diagnostic> ReplayWarnings() =>
        Warnings.Select(w => new Diagnostic(DiagnosticSeverity.Warning, new SourceLocation(w.File, w.Line, w.Column), w.Message));

    public static List<StoredDiagnostic> Store(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => !d.IsError)
            .Select(d => new StoredDiagnostic(d.Location.File, d.Location.Line, d.Location.Column, d.Message))
            .ToList();

    /// <summary>The first moment a future page becomes due or a page expires: the output changes then without any edit.</summary>
    public static DateTimeOffset NextTimeBoundary(IEnumerable<Loading.SourcePage> sources, DateTimeOffset now) =>
        sources.SelectMany(s => new[] { s.FrontMatter.Date, s.FrontMatter.Expires })
            .Where(d => d > now)
            .Select(d => d!.Value)
            .DefaultIfEmpty(DateTimeOffset.MaxValue)
            .Min();
}

/// <summary>Serialization code generated at compile time: a build with nothing to do should not spend its time on reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(BuildFingerprint))]
internal sealed partial class FingerprintJson : System.Text.Json.Serialization.JsonSerializerContext;
