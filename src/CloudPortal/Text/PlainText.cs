using System.Net;
using System.Text;

namespace CloudPortal.Text;

/// <summary>The text of rendered HTML without its tags, for counting words, summaries and search.</summary>
public static class PlainText
{
    public static string FromHtml(string html)
    {
        var builder = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                // A tag separates words ("</p><p>"), so it must not glue them together.
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
        }

        var text = WebUtility.HtmlDecode(builder.ToString());
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
