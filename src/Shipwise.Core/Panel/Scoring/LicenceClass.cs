namespace Shipwise.Core.Panel.Scoring;

/// <summary>Sorts SPDX identifiers into families by how many obligations they attach.</summary>
public static class LicenceClass
{
    public const double Proprietary = 10;

    private static readonly string[] _permissive =
    [
        "mit", "mit-0", "apache-2.0", "bsd-2-clause", "bsd-3-clause", "isc", "unlicense", "cc0-1.0", "zlib",
        "bsl-1.0", "0bsd", "cc-by-4.0", "postgresql", "python-2.0", "upl-1.0",
    ];

    private static readonly string[] _weakCopyleft = ["mpl-2.0", "epl-2.0", "cddl-1.0", "cc-by-sa-4.0"];

    // Source-available terms that restrict use; open to read, not open to build a business on.
    private static readonly string[] _restricted = ["busl-1.1", "elastic-2.0", "sspl-1.0"];

    public static double Score(string license)
    {
        var id = license.Trim().ToLowerInvariant();
        if (id == "proprietary")
        {
            return Proprietary;
        }

        if (_permissive.Contains(id))
        {
            return 95;
        }

        if (_weakCopyleft.Contains(id) || id.StartsWith("lgpl-", StringComparison.Ordinal))
        {
            return 80;
        }

        if (id.StartsWith("gpl-", StringComparison.Ordinal))
        {
            return 65;
        }

        if (id.StartsWith("agpl-", StringComparison.Ordinal))
        {
            return 55;
        }

        if (_restricted.Contains(id) || id.Contains("-nc", StringComparison.Ordinal))
        {
            return 30;
        }

        // Custom terms (e.g. a model's community licence) need a lawyer's read, but still beat a closed licence.
        return id.StartsWith("licenseref-", StringComparison.Ordinal) ? 40 : 60;
    }
}
