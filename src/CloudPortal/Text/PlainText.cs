using System.Net;
using System.Text;

namespace CloudPortal.Text;

/// <summary>The text of rendered HTML without its tags, for counting words, summaries and search.</summary>
public static class PlainText
{
    public static string FromHtml(string html)
    {
        var builder = new StringBuilder(html.Length / 2);
        var inTag = false;
        var pendingSpace = false;
        var hasEntity = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                // A tag separates words ("</p><p>"), so it must not glue them together.
                inTag = true;
                pendingSpace = builder.Length > 0;
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                hasEntity |= c == '&';
                builder.Append(c);
            }
        }

        var text = builder.ToString();
        return hasEntity ? WebUtility.HtmlDecode(text) : text;
    }
}
