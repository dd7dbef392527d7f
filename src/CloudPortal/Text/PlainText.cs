using System.Buffers;
using System.Net;

namespace CloudPortal.Text;

/// <summary>The text of rendered HTML without its tags, for counting words, summaries and search.</summary>
public static class PlainText
{
    // What ends a run of text copied as it is: every character char.IsWhiteSpace accepts, '&' and '>'.
    private static readonly SearchValues<char> Special = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || c is '&' or '>').ToArray());

    public static string FromHtml(ReadOnlySpan<char> html)
    {
        // Every body and every page for search passes through here: copy runs of text into one pooled
        // buffer rather than appending character by character.
        var buffer = ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            var length = Copy(html, buffer, out var hasEntity);
            var result = new string(buffer, 0, length);
            return hasEntity ? WebUtility.HtmlDecode(result) : result;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The text of the HTML into <paramref name="buffer"/> (at least as long as the HTML), with its length;
    /// a string only when it has character references to decode. A body's text is counted and, only when
    /// its front matter has no summary, summarised: most bodies need no string of it.
    /// </summary>
    public static ReadOnlySpan<char> FromHtml(ReadOnlySpan<char> html, char[] buffer)
    {
        var length = Copy(html, buffer, out var hasEntity);
        return hasEntity ? WebUtility.HtmlDecode(new string(buffer, 0, length)) : buffer.AsSpan(0, length);
    }

    private static int Copy(ReadOnlySpan<char> html, char[] buffer, out bool hasEntity)
    {
        var length = 0;
        var pendingSpace = false;
        hasEntity = false;
        var rest = html;
        while (!rest.IsEmpty)
        {
            var tag = rest.IndexOf('<');
            var text = tag < 0 ? rest : rest[..tag];
            while (!text.IsEmpty)
            {
                // Runs of ordinary characters are copied whole; spaces, '&' and a stray '>' are looked at one by one.
                var stop = text.IndexOfAny(Special);
                var run = stop < 0 ? text : text[..stop];
                if (!run.IsEmpty)
                {
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    run.CopyTo(buffer.AsSpan(length));
                    length += run.Length;
                }

                if (stop < 0)
                {
                    break;
                }

                var c = text[stop];
                text = text[(stop + 1)..];
                if (c == '&')
                {
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    hasEntity = true;
                    buffer[length++] = c;
                }
                else if (c != '>')
                {
                    // Whitespace; a stray closing bracket outside any tag is skipped, as the tag scanner always skipped it.
                    pendingSpace = length > 0;
                }
            }

            if (tag < 0)
            {
                break;
            }

            // A tag separates words ("</p><p>"), so it must not glue them together.
            pendingSpace = length > 0;
            var end = rest[tag..].IndexOf('>');
            if (end < 0)
            {
                break;
            }

            rest = rest[(tag + end + 1)..];
        }

        return length;
    }
}
