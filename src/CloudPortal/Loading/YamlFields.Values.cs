using System.Globalization;
using CloudPortal.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Loading;

/// <summary>Readers of single values: texts, numbers, dates, URLs, choices, codes, one reference, one localized text.</summary>
internal sealed partial class YamlFields
{
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
}
