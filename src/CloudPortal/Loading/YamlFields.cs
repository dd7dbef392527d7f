using CloudPortal.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Loading;

/// <summary>
/// Typed access to one YAML mapping. Each typed definition reads its fields through this class, which
/// reports wrong types at the value's position and, at <see cref="Finish"/>, every key nobody asked for.
/// The readers of single values are in YamlFields.Values.cs, of lists and nested mappings in
/// YamlFields.Lists.cs.
/// </summary>
internal sealed partial class YamlFields
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
