using System.Text;

namespace Lookalike.Files;

/// <summary>
/// Makes names safe to print on a terminal or in a log: control characters (ESC, BEL, CR, LF, DEL, the C1 range)
/// and the Unicode bidi overrides and isolates become visible escapes such as <c>\x1b</c> or <c>\n</c>, so a file
/// name can neither send terminal commands, reorder what is shown, nor split a one-line message. The bytes of a name
/// that is not UTF-8 (escaped as in <see cref="RawName"/>) show as <c>\xe9</c> too.
/// </summary>
public static class PrintableText
{
    public static string Escape(string text)
    {
        if (!text.Any(IsUnsafe)) return text;
        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when !IsUnsafe(c) => c.ToString(),
                >= RawName.First and <= RawName.Last => $"\\x{c - 0xF700:x2}", // a byte of a name that is not UTF-8
                _ when c <= '\xff' => $"\\x{(int)c:x2}",
                _ => $"\\u{(int)c:x4}",
            });
        }
        return result.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or (>= RawName.First and <= RawName.Last);
}
