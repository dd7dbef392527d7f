using System.Text;

namespace CloudPortal.Templating;

/// <summary>
/// Escapes the five characters that matter in HTML text and attribute values. Other characters, Chinese
/// included, are written as they are (the pages are UTF-8), which keeps output readable and small.
/// </summary>
public static class HtmlEscaper
{
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny("&<>\"'");
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(text[i]); break;
            }
        }

        return builder.ToString();
    }
}
