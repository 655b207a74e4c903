using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>
/// How compare pages and review history spell a fact: "128K tokens", "$0.40", "2.2B".
/// Always the invariant culture, so a page reads the same on every server.
/// </summary>
public static class FactFormat
{
    private const int Kibi = 1024;
    private const int Mebi = 1024 * 1024;

    /// <summary>"128K tokens", "1M tokens", "512 tokens".</summary>
    /// <remarks>
    /// Vendors quote windows both ways (128,000 and 131,072 are both "128K"), so a binary
    /// round number reads in binary units and everything else in decimal ones.
    /// </remarks>
    public static string Tokens(int tokens)
    {
        if (tokens >= 1_000_000)
        {
            var millions = tokens % Mebi == 0 && tokens % 1_000_000 != 0 ? (decimal)tokens / Mebi : tokens / 1_000_000m;
            return Invariant($"{millions:0.##}M tokens");
        }

        if (tokens >= 1_000)
        {
            var thousands = tokens % Kibi == 0 && tokens % 1_000 != 0 ? (decimal)tokens / Kibi : tokens / 1_000m;
            return Invariant($"{thousands:0.#}K tokens");
        }

        return Invariant($"{tokens} tokens");
    }

    /// <summary>"$0.40", "$2.00", "$0.075": cents always shown, as prices are read.</summary>
    public static string Usd(decimal amount) => Invariant($"${amount:0.00##}");

    /// <summary>"2.2", "99.95", "70": no trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"2.2B parameters", or "24B total, 3B active" for a mixture of experts.</summary>
    public static string Parameters(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.ActiveBillions is { } active && active != parameters.TotalBillions
            ? $"{Number(parameters.TotalBillions)}B total, {Number(active)}B active"
            : $"{Number(parameters.TotalBillions)}B";
    }

    /// <summary>The parameters that work on each token: what memory and speed depend on.</summary>
    public static decimal ActiveBillions(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.ActiveBillions ?? parameters.TotalBillions;
    }

    /// <summary>"single GPU" for "single-gpu": the catalog's identifiers as words.</summary>
    public static string Target(string target) => target switch
    {
        "single-gpu" => "single GPU",
        "cloud-api" => "cloud API",
        _ => target,
    };

    /// <summary>"EU" for "eu"; region codes are upper case in prose.</summary>
    public static string Region(string region) =>
        region.Length <= 4 && region.All(char.IsAsciiLetter) ? region.ToUpperInvariant() : region;

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}",
        };
    }

    /// <summary>"vendor claim" for <see cref="FactStatus.VendorClaim"/>.</summary>
    public static string Status(FactStatus status) => status switch
    {
        FactStatus.Verified => "verified",
        FactStatus.VendorClaim => "vendor claim",
        _ => "unverified",
    };

    /// <summary>" (vendor claim)" or " (unverified)" after a fact in a sentence; nothing for a verified one.</summary>
    public static string Flag(FactStatus status) => status == FactStatus.Verified ? "" : $" ({Status(status)})";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
