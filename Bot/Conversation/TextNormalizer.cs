using System.Text;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// Brings what people type on a phone into one shape: full-width letters, digits, spaces and punctuation
/// (ＣＭＰ－１，：　) become their ASCII forms through NFKC, and control characters are dropped.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Characters that separate a command's words; '、' is the Chinese enumeration comma.</summary>
    public static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is ',' or ':' or ';' or '、';

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = text.Normalize(NormalizationForm.FormKC);
        var clean = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }

    public static string TrimSeparators(string text)
    {
        var start = 0;
        while (start < text.Length && IsSeparator(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsSeparator(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>True for Han characters: a Chinese verb may run straight into its argument ("受理CMP-1").</summary>
    public static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    public static bool ContainsCjk(string text) => text.Any(IsCjk);
}
