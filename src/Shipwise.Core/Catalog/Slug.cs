using System.Text;
using System.Text.RegularExpressions;

namespace Shipwise.Core.Catalog;

public static partial class Slug
{
    public const int MaxLength = 100;

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*\z")]
    private static partial Regex Shape();

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= MaxLength } && Shape().IsMatch(slug) && !slug.Contains("-vs-", StringComparison.Ordinal);

    /// <summary>Turns any name ("Mistral 3 Small (22B)") into its slug form ("mistral-3-small-22b").</summary>
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else if (c is ' ' or '-' or '_' or '.' or '/' or '(' or ')' or ':' or ',' or '+')
            {
                pendingDash = true;
            }
        }

        return builder.ToString();
    }
}
