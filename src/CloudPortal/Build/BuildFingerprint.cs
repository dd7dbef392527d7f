using System.Buffers.Binary;
using System.Text;
using System.Globalization;
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
        files = FileStamps.Of(root, ["content", Path.Combine("themes", theme)], ListingPathFor(options));
        // Path, a NUL (which no path holds), then size and time as bytes: no string per file.
        var buffer = new byte[1024];
        for (var i = 0; i < files.Count; i++)
        {
            var path = files.PathList[i];
            var needed = path.Length + 17;
            if (buffer.Length < needed)
            {
                buffer = new byte[needed];
            }

            path.CopyTo(buffer);
            var length = path.Length;
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
        Path.Combine(options.CacheDirectory, "build-" + Output.OutputWriter.FolderKey(options.ResolvedOutput) + ".txt");

    /// <summary>Where the listing of the input folders (<see cref="FileListing"/>) is kept beside the fingerprint.</summary>
    public static string ListingPathFor(BuildOptions options) => Path.ChangeExtension(PathFor(options), ".files");

    private const string Magic = "cloudportal-fingerprint-1";

    // Lines of tab-separated fields, not JSON: a build with nothing to do reads this file and little else,
    // and loading System.Text.Json for it (the serializer's metadata first, then JsonDocument) was most of
    // the time before the first file was stat'ed.
    public static BuildFingerprint? Load(BuildOptions options)
    {
        var path = PathFor(options);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var lines = File.ReadAllText(path).Split('\n');
            if (lines.Length < 4 || lines[0] != Magic || lines[^1].Length != 0)
            {
                return null;
            }

            var inputs = Field(lines[1], "inputs", 1)[0];
            var theme = Field(lines[2], "theme", 1)[0];
            var until = Field(lines[3], "valid-until", 2);
            var validUntil = new DateTimeOffset(long.Parse(until[0], CultureInfo.InvariantCulture), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(int.Parse(until[1], CultureInfo.InvariantCulture)));
            var pages = new Dictionary<string, int>(StringComparer.Ordinal);
            var warnings = new List<StoredDiagnostic>();
            for (var i = 4; i < lines.Length - 1; i++)
            {
                if (lines[i].StartsWith("kind\t", StringComparison.Ordinal))
                {
                    var kind = Field(lines[i], "kind", 2);
                    pages[kind[0]] = int.Parse(kind[1], CultureInfo.InvariantCulture);
                }
                else
                {
                    var warning = Field(lines[i], "warning", 4);
                    warnings.Add(new StoredDiagnostic(warning[0], int.Parse(warning[1], CultureInfo.InvariantCulture),
                        int.Parse(warning[2], CultureInfo.InvariantCulture), warning[3]));
                }
            }

            // The theme names a folder under themes/ whose files are stat'ed before the config is read.
            return theme.Length == 0 || Path.IsPathRooted(theme) ? null : new BuildFingerprint(inputs, theme, validUntil, pages, warnings);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IOException)
        {
            return null; // an unreadable cache only costs a full build
        }
    }

    /// <summary>The fields of a line that starts with <paramref name="name"/> and has <paramref name="count"/> more, unescaped.</summary>
    private static string[] Field(string line, string name, int count)
    {
        var fields = line.Split('\t');
        if (fields.Length != count + 1 || fields[0] != name)
        {
            throw new FormatException($"expected a '{name}' line of {count} fields");
        }

        return fields[1..].Select(Unescape).ToArray();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Unescape(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(++i < text.Length ? text[i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                '\\' => '\\',
                _ => throw new FormatException("unknown escape"),
            } : throw new FormatException("escape at the end of a field"));
        }

        return builder.ToString();
    }

    public void Save(BuildOptions options)
    {
        Directory.CreateDirectory(options.CacheDirectory);
        var path = PathFor(options);
        var text = new StringBuilder();
        text.Append(Magic).Append('\n');
        text.Append("inputs\t").Append(Escape(Inputs)).Append('\n');
        text.Append("theme\t").Append(Escape(Theme)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"valid-until\t{ValidUntil.UtcTicks}\t{(int)ValidUntil.Offset.TotalMinutes}\n");
        foreach (var kind in PagesByKind.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"kind\t{Escape(kind)}\t{PagesByKind[kind]}\n");
        }

        foreach (var warning in Warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"warning\t{Escape(warning.File)}\t{warning.Line}\t{warning.Column}\t{Escape(warning.Message)}\n");
        }

        File.WriteAllText(path + ".tmp", text.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// Saves this fingerprint with other inputs, everything else as it is: written over the last file's
    /// inputs line in place when it has the same length (hex digits of one hash), which a quick edit
    /// does without formatting the rest again.
    /// </summary>
    public void SaveWithInputs(BuildOptions options, string inputs)
    {
        var path = PathFor(options);
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var old = Encoding.UTF8.GetBytes($"\ninputs\t{Inputs}\n");
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

        Encoding.ASCII.GetBytes(inputs, bytes.AsSpan(at + "\ninputs\t".Length));
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
