using CloudPortal.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Loading;

/// <summary>Readers of lists and nested mappings: texts, references, localized texts, objects.</summary>
internal sealed partial class YamlFields
{
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
}
