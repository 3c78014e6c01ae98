using System.Buffers;
using System.Text;

namespace Lena.CdsHooks.Cards;

/// <summary>Escapes text from FHIR or rule data so it cannot break the card's Markdown (tables, links, emphasis).</summary>
public static class MarkdownText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\`*_[]<>|#\r\n");

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Most values need nothing escaped: the text itself, with no builder (issue 15, CDS cards).
        if (!text.AsSpan().ContainsAny(Special))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                builder.Append('\\');
            }

            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word with an ellipsis.</summary>
    public static string Limit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > max / 2 ? cut[..space] : cut).TrimEnd(',', ';', ' ', ':') + "…";
    }
}
