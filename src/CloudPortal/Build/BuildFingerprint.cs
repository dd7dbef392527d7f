using System.Buffers.Binary;
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
    string Theme,
    DateTimeOffset ValidUntil,
    Dictionary<string, int> PagesByKind,
    List<StoredDiagnostic> Warnings)
{
    public static string Compute(BuildOptions options, string theme) => Compute(options, theme, out _);

    /// <param name="files">The size and modification time of every file under content/ and the theme as seen, by '/'-separated path from the site root.</param>
    public static string Compute(BuildOptions options, string theme, out FileStamps files)
    {
        var root = Path.GetFullPath(options.SourceRoot);
        var hash = new FingerprintHash();
        void Add(string text) => hash.Append(Encoding.UTF8.GetBytes(text + "\n"));

        Span<byte> engine = stackalloc byte[16];
        typeof(BuildFingerprint).Assembly.ManifestModule.ModuleVersionId.TryWriteBytes(engine);
        hash.Append(engine);
        Add(OptionsLine(options));
        files = FileStamps.Of(root, ["content", Path.Combine("themes", theme)]);
        // Path, a NUL (which no path holds), then size and time as bytes: no string per file.
        var buffer = new byte[1024];
        for (var i = 0; i < files.Paths.Length; i++)
        {
            var path = files.Paths[i];
            var needed = Encoding.UTF8.GetMaxByteCount(path.Length) + 17;
            if (buffer.Length < needed)
            {
                buffer = new byte[needed];
            }

            var length = Encoding.UTF8.GetBytes(path, buffer);
            buffer[length++] = 0;
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), files.Sizes[i]);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length + 8), files.MtimeTicks[i]);
            hash.Append(buffer.AsSpan(0, length + 16));
        }

        files.Config = ConfigStamp(root);
        Add(files.Config.Size >= 0 ? $"config\t{files.Config.Size}\t{files.Config.Mtime}" : "no config");
        return hash.Hex();
    }

    /// <summary>The options that change what a build writes, as one line.</summary>
    internal static string OptionsLine(BuildOptions options) =>
        $"drafts={options.IncludeDrafts} future={options.IncludeFuture} expired={options.IncludeExpired} base={options.BaseUrl} out={options.ResolvedOutput}";

    /// <summary>The config file's size and time, or (-1, 0) when there is none.</summary>
    internal static (long Size, long Mtime) ConfigStamp(string sourceRoot)
    {
        var config = new FileInfo(Path.Combine(Path.GetFullPath(sourceRoot), Configuration.SiteConfig.FileName));
        return config.Exists ? (config.Length, config.LastWriteTimeUtc.Ticks) : (-1, 0);
    }

    public static string PathFor(BuildOptions options) =>
        Path.Combine(options.CacheDirectory, "build-" + Output.OutputWriter.FolderKey(options.ResolvedOutput) + ".json");

    // Read and written with JsonDocument and Utf8JsonWriter, not the serializer: a build with nothing to do
    // reads this file and little else, and the serializer's metadata for this record cost it tens of
    // milliseconds of start-up (most of it compiling generic code).
    public static BuildFingerprint? Load(BuildOptions options)
    {
        var path = PathFor(options);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            var pages = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var kind in root.GetProperty("pagesByKind").EnumerateObject())
            {
                pages[kind.Name] = kind.Value.GetInt32();
            }

            var warnings = new List<StoredDiagnostic>();
            foreach (var warning in root.GetProperty("warnings").EnumerateArray())
            {
                warnings.Add(new StoredDiagnostic(Text(warning, "file"), warning.GetProperty("line").GetInt32(),
                    warning.GetProperty("column").GetInt32(), Text(warning, "message")));
            }

            // The theme names a folder under themes/ whose files are stat'ed before the config is read.
            var theme = Text(root, "theme");
            return Path.IsPathRooted(theme)
                ? null
                : new BuildFingerprint(Text(root, "inputs"), theme, root.GetProperty("validUntil").GetDateTimeOffset(), pages, warnings);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null; // an unreadable cache only costs a full build
        }
    }

    /// <summary>A string property; a missing one, or one of another kind (null included), makes the file unreadable.</summary>
    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");

    public void Save(BuildOptions options)
    {
        Directory.CreateDirectory(options.CacheDirectory);
        var path = PathFor(options);
        using (var stream = File.Create(path + ".tmp"))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("inputs", Inputs);
            json.WriteString("theme", Theme);
            json.WriteString("validUntil", ValidUntil);
            json.WriteStartObject("pagesByKind");
            foreach (var (kind, count) in PagesByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(kind, count);
            }

            json.WriteEndObject();
            json.WriteStartArray("warnings");
            foreach (var warning in Warnings)
            {
                json.WriteStartObject();
                json.WriteString("file", warning.File);
                json.WriteNumber("line", warning.Line);
                json.WriteNumber("column", warning.Column);
                json.WriteString("message", warning.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// Saves this fingerprint with other inputs, everything else as it is: written over the last file's
    /// inputs in place (they are hex digits of one length), since the JSON writer's start-up costs a quick
    /// edit more than the rest of this.
    /// </summary>
    public void SaveWithInputs(BuildOptions options, string inputs)
    {
        var path = PathFor(options);
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var old = Encoding.UTF8.GetBytes($"\"inputs\":\"{Inputs}\"");
        var at = bytes.AsSpan().IndexOf(old);
        var hex = inputs.Length == Inputs.Length;
        foreach (var c in inputs)
        {
            hex &= char.IsAsciiHexDigit(c);
        }

        if (at < 0 || !hex)
        {
            (this with { Inputs = inputs }).Save(options);
            return;
        }

        Encoding.ASCII.GetBytes(inputs, bytes.AsSpan(at + "\"inputs\":\"".Length));
        File.WriteAllBytes(path + ".tmp", bytes);
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
