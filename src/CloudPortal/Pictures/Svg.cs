using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace CloudPortal.Pictures;

/// <summary>
/// What the pictures share: XML escaping, number formatting and the root element. The root is written
/// here so that every picture gets the same accessible shape (a title, a description, ids that point at
/// them) and the same rule for its role.
/// </summary>
internal static class Svg
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Escapes text for XML content and double-quoted attributes. Characters XML 1.0 forbids (most C0
    /// controls, lone surrogates, U+FFFE/U+FFFF) are dropped: one stray control character in a data file
    /// must not make the whole page unparseable as XML.
    /// </summary>
    public static string Escape(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            var allowed = c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                allowed = false;
            }

            if (replacement is null && allowed)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            if (replacement is not null)
            {
                builder.Append(replacement);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>One decimal, invariant culture, no "-0": the same bytes on every machine.</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The root element around <paramref name="body"/>. A picture with links inside gets role="group":
    /// role="img" makes its children presentational, which hides the links from assistive technology and
    /// is what axe-core's nested-interactive rule reports. Without links it is one image, role="img".
    /// The ids come from a hash of the content, so they are stable across builds and two different
    /// pictures on one page do not share them.
    /// </summary>
    public static string Document(string kind, string viewBox, string title, string description, bool hasLinks, string body)
    {
        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{kind}\0{viewBox}\0{title}\0{description}\0{body}"));
        var id = $"pic-{kind}-{hash:x8}";
        var builder = new StringBuilder(body.Length + 512);
        builder.Append($"<svg xmlns=\"{Namespace}\" class=\"picture picture-{kind}\" viewBox=\"{viewBox}\" width=\"100%\"")
            .Append($" role=\"{(hasLinks ? "group" : "img")}\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\n")
            .Append($"<title id=\"{id}-title\">{Escape(title)}</title>\n")
            .Append($"<desc id=\"{id}-desc\">{Escape(description)}</desc>\n")
            .Append(body)
            .Append("</svg>");
        return builder.ToString();
    }
}
