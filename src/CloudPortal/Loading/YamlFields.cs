using System.Globalization;
using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Loading;

/// <summary>What a typed reader needs to place errors: the file, where its YAML starts, the site's languages.</summary>
internal sealed record YamlContext(string File, int LineOffset, DiagnosticBag Diagnostics, IReadOnlyList<string> Languages)
{
    /// <summary>Every reference read from this file, kept so they are checked even when the record itself is invalid.</summary>
    public List<Reference> References { get; } = [];

    public SourceLocation At(YamlNode node) =>
        new(File, (int)node.Start.Line + LineOffset, (int)node.Start.Column);
}

/// <summary>
/// Typed access to one YAML mapping. Each typed definition reads its fields through this class, which
/// reports wrong types at the value's position and, at <see cref="Finish"/>, every key nobody asked for.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly YamlContext _context;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly SchemaRecorder? _recorder;

    public YamlFields(YamlMappingNode node, YamlContext context, SchemaRecorder? recorder = null)
    {
        _node = node;
        _context = context;
        _recorder = recorder;
    }

    /// <summary>Runs a reader over no input, only to record the fields it asks for as a JSON Schema.</summary>
    public static System.Text.Json.Nodes.JsonObject RecordSchema(IReadOnlyList<string> languages, Action<YamlFields> read)
    {
        var recorder = new SchemaRecorder();
        var fields = new YamlFields(new YamlMappingNode(), new YamlContext("", 0, new DiagnosticBag(), languages), recorder);
        read(fields);
        return recorder.ToSchema();
    }

    // Callers build the schema only when recording: built on every read, schemas were a twentieth of all a
    // large build allocated (a JsonObject per field of every article's front matter).
    private void Describe(string key, bool required, System.Text.Json.Nodes.JsonObject schema) => _recorder?.Add(key, schema, required);

    public YamlContext Context => _context;

    public SourceLocation Location => _context.At(_node);

    public SourceLocation LocationOf(string key) =>
        Find(key) is { } pair ? _context.At(pair.Value) : Location;

    public bool Has(string key)
    {
        _known.Add(key);
        return Find(key) is not null;
    }

    public string? Text(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.String());
        }

        var node = Scalar(key, required, "a text");
        return node?.Value;
    }

    public bool Bool(string key)
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.Of("boolean"));
        }

        var node = Scalar(key, false, "true or false");
        if (node is null)
        {
            return false;
        }

        switch (node.Value)
        {
            case "true" or "yes" or "True" or "TRUE": return true;
            case "false" or "no" or "False" or "FALSE": return false;
            default:
                Error(node, $"`{key}` must be true or false, not '{node.Value}'");
                return false;
        }
    }

    public int? Int(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Of("integer"));
        }

        var node = Scalar(key, required, "a whole number");
        if (node is null)
        {
            return null;
        }

        if (int.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, $"`{key}` must be a whole number, not '{node.Value}'");
        return null;
    }

    public decimal? Number(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Of("number"));
        }

        var node = Scalar(key, required, "a number");
        if (node is null)
        {
            return null;
        }

        if (decimal.TryParse(node.Value?.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, $"`{key}` must be a number, not '{node.Value}' (write 6000, not \"6,000\" or \"六千\")");
        return null;
    }

    public DateTimeOffset? Date(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Date());
        }

        var node = Scalar(key, required, "a date");
        if (node is null)
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mmK"];
        if (DateTimeOffset.TryParseExact(node.Value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        Error(node, $"`{key}` must be a date like 2018-06-01, not '{node.Value}'");
        return null;
    }

    public PartialDate? PartialDate(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.PartialDate());
        }

        var node = Scalar(key, required, "a date");
        if (node is null)
        {
            return null;
        }

        if (Loading.PartialDate.TryParse(node.Value ?? "", out var value))
        {
            return value;
        }

        Error(node, $"`{key}` must be a year, year-month or date like 2018, 2017-10 or 2017-10-05, not '{node.Value}'");
        return null;
    }

    public Uri? Url(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Url());
        }

        var node = Scalar(key, required, "a URL");
        if (node is null)
        {
            return null;
        }

        if (Uri.TryCreate(node.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        Error(node, $"`{key}` must be an absolute http(s) URL, not '{node.Value}'");
        return null;
    }

    public string? Choice(string key, IReadOnlyList<string> allowed, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Enum(allowed));
        }

        var node = Scalar(key, required, "one of " + string.Join(", ", allowed));
        if (node?.Value is null)
        {
            return null;
        }

        if (allowed.Contains(node.Value))
        {
            return node.Value;
        }

        Error(node, $"`{key}` must be one of {string.Join(", ", allowed)}, not '{node.Value}'{Suggestions.Hint(node.Value, allowed)}");
        return null;
    }

    /// <summary>An ISO 3166 alpha-2 code, checked against the locale data; returned upper-case.</summary>
    public string? CountryCode(string key)
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.CountryCode());
        }

        var node = Scalar(key, false, "an ISO 3166 country code");
        if (node?.Value is null)
        {
            return null;
        }

        if (Knowledge.CountryCode.IsValid(node.Value.ToUpperInvariant()) && node.Value.Length == 2)
        {
            return node.Value.ToUpperInvariant();
        }

        Error(node, $"`{key}` must be an ISO 3166 country code like CN or CH, not '{node.Value}'");
        return null;
    }

    public IReadOnlyList<Reference> CountryReferences(string key)
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.Array(JsonSchemas.CountryCode()));
        }

        var result = new List<Reference>();
        foreach (var node in ScalarList(key))
        {
            var code = node.Value ?? "";
            if (code.Length == 2 && Knowledge.CountryCode.IsValid(code.ToUpperInvariant()))
            {
                result.Add(Knowledge.CountryEntity.ReferenceTo(code, _context.At(node)));
            }
            else
            {
                Error(node, $"`{key}` has '{code}', which is not an ISO 3166 country code like BR or CL");
            }
        }

        return result;
    }

    public IReadOnlyList<string> TextList(string key)
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.Array(JsonSchemas.String()));
        }

        return ScalarList(key).Select(n => n.Value ?? "").ToList();
    }

    /// <summary>Ids of other records, kept with their positions so references can be checked later.</summary>
    public IReadOnlyList<Reference> References(string key, string kind)
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.Array(JsonSchemas.Id(kind)));
        }

        var references = ScalarList(key).Select(n => new Reference(kind, n.Value ?? "", _context.At(n))).ToList();
        _context.References.AddRange(references);
        return references;
    }

    public Reference? ReferenceOne(string key, string kind, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Id(kind));
        }

        var node = Scalar(key, required, "an id");
        if (node is null)
        {
            return null;
        }

        var reference = new Reference(kind, node.Value ?? "", _context.At(node));
        _context.References.Add(reference);
        return reference;
    }

    public LocalizedText? Localized(string key, bool required = false)
    {
        if (_recorder is not null)
        {
            Describe(key, required, JsonSchemas.Localized(_context.Languages));
        }

        var value = Value(key, required, "a text, or a text per language like {zh: …, en: …}");
        return value is null ? null : ReadLocalized(key, value);
    }

    public IReadOnlyList<LocalizedText> LocalizedList(string key)
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.Array(JsonSchemas.Localized(_context.Languages)));
        }

        return Sequence(key).Select(item => ReadLocalized(key, item)).Where(t => t is not null).Select(t => t!).ToList();
    }

    public T? Object<T>(string key, Func<YamlFields, T?> read, bool required = false)
        where T : class
    {
        if (_recorder is not null)
        {
            Describe(key, required, RecordSchema(_context.Languages, f => read(f)));
        }

        var value = Value(key, required, "a mapping");
        if (value is null)
        {
            return null;
        }

        if (value is not YamlMappingNode mapping)
        {
            Error(value, $"`{key}` must be a mapping of `field: value` pairs");
            return null;
        }

        var fields = new YamlFields(mapping, _context);
        var result = read(fields);
        fields.Finish();
        return result;
    }

    public IReadOnlyList<T> ObjectList<T>(string key, Func<YamlFields, T?> read)
        where T : class
    {
        if (_recorder is not null)
        {
            Describe(key, false, JsonSchemas.Array(RecordSchema(_context.Languages, f => read(f))));
        }

        var items = new List<T>();
        foreach (var item in Sequence(key))
        {
            if (item is not YamlMappingNode mapping)
            {
                Error(item, $"each item of `{key}` must be a mapping of `field: value` pairs");
                continue;
            }

            var fields = new YamlFields(mapping, _context);
            if (read(fields) is { } value)
            {
                items.Add(value);
            }

            fields.Finish();
        }

        return items;
    }

    /// <summary>Reports every key that no reader asked for, suggesting the closest known one.</summary>
    public void Finish()
    {
        foreach (var pair in _node.Children)
        {
            if (pair.Key is YamlScalarNode { Value: { } key } && !_known.Contains(key))
            {
                Error(pair.Key, $"unknown field `{key}`{Suggestions.Hint(key, _known)}; known fields: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
            }
        }
    }

    public void Error(YamlNode node, string message) => _context.Diagnostics.Error(_context.At(node), message);

    private LocalizedText? ReadLocalized(string key, YamlNode value)
    {
        switch (value)
        {
            case YamlScalarNode scalar:
                return LocalizedText.Same(scalar.Value ?? "");
            case YamlMappingNode mapping:
                var pairs = new List<KeyValuePair<string, string>>();
                foreach (var child in mapping.Children)
                {
                    var lang = (child.Key as YamlScalarNode)?.Value ?? "";
                    if (!_context.Languages.Contains(lang))
                    {
                        Error(child.Key, $"`{key}` has text for unknown language '{lang}'{Suggestions.Hint(lang, _context.Languages)}; the site's languages are {string.Join(", ", _context.Languages)}");
                        continue;
                    }

                    if (child.Value is not YamlScalarNode text)
                    {
                        Error(child.Value, $"`{key}.{lang}` must be a text");
                        continue;
                    }

                    pairs.Add(new(lang, text.Value ?? ""));
                }

                return new LocalizedText(pairs);
            default:
                Error(value, $"`{key}` must be a text or a text per language like {{zh: …, en: …}}");
                return null;
        }
    }

    private YamlScalarNode? Scalar(string key, bool required, string expected)
    {
        var value = Value(key, required, expected);
        if (value is null)
        {
            return null;
        }

        if (value is YamlScalarNode scalar)
        {
            if (scalar.Value is null or "" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
            {
                if (required)
                {
                    Error(value, $"`{key}` is empty; it must be {expected}");
                }

                return null;
            }

            return scalar;
        }

        Error(value, $"`{key}` must be {expected}, not a {(value is YamlSequenceNode ? "list" : "mapping")}");
        return null;
    }

    private IEnumerable<YamlScalarNode> ScalarList(string key)
    {
        foreach (var item in Sequence(key))
        {
            if (item is YamlScalarNode scalar)
            {
                yield return scalar;
            }
            else
            {
                Error(item, $"each item of `{key}` must be a single value");
            }
        }
    }

    private IEnumerable<YamlNode> Sequence(string key)
    {
        var value = Value(key, false, "a list");
        if (value is null)
        {
            return [];
        }

        if (value is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        if (value is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        Error(value, $"`{key}` must be a list like [a, b]");
        return [];
    }

    private YamlNode? Value(string key, bool required, string expected)
    {
        _known.Add(key);
        var pair = Find(key);
        if (pair is null)
        {
            if (required)
            {
                _context.Diagnostics.Error(Location, $"missing required field `{key}` ({expected})");
            }

            return null;
        }

        return pair.Value.Value;
    }

    private KeyValuePair<YamlNode, YamlNode>? Find(string key)
    {
        foreach (var pair in _node.Children)
        {
            if (pair.Key is YamlScalarNode { Value: { } k } && k == key)
            {
                return pair;
            }
        }

        return null;
    }
}
