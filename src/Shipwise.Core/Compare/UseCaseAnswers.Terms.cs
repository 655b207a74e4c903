using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>What you may do with each tool, where it can run, and what paperwork comes with it.</summary>
internal static partial class UseCaseAnswers
{
    /// <summary>
    /// Commercial use, best last. Not the openness order of <see cref="LicenceClass"/>: a
    /// proprietary API is closed but can be used commercially under its terms, while a
    /// non-commercial open licence cannot be used commercially at all.
    /// </summary>
    private enum Commercial { Restricted, UnderTerms, Copyleft, Permissive }

    private static Commercial CommercialUse(Tool tool) =>
        tool.Facts.LicenseTerms?.Value.CommercialUse == false ? Commercial.Restricted : CommercialUse(tool.Facts.License!.Value);

    private static Commercial CommercialUse(string license) => LicenceClass.Score(license) switch
    {
        >= 95 => Commercial.Permissive,
        >= 55 and < 60 or >= 65 and < 95 => Commercial.Copyleft,
        30 => Commercial.Restricted,
        _ => Commercial.UnderTerms,
    };

    private static bool IsProprietary(string license) => string.Equals(license.Trim(), "proprietary", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a licence lets a business do, in one clause.</summary>
    private static string LicenceText(Tool tool)
    {
        var fact = tool.Facts.License!;
        var id = fact.Value;
        var flag = Flag(fact);
        if (IsProprietary(id))
        {
            return $"{tool.Name} is proprietary{flag}: commercial use is possible only under {Possessive(tool.Vendor.Name)} terms, which are not on record here, and you get access to it, not a copy you can change or ship";
        }

        return LicenceClass.Score(id) switch
        {
            >= 95 => $"{tool.Name} is {id}{flag}: you can use, change and ship it commercially, keeping the licence notice",
            80 => $"{tool.Name} is {id}{flag}: commercial use is allowed, but changes to its own files must be shared under the same licence",
            65 => $"{tool.Name} is {id}{flag}: commercial use is allowed, but a product you distribute with it built in must ship its source under the same licence",
            55 => $"{tool.Name} is {id}{flag}: commercial use is allowed, but users who reach it over a network are owed your modified source",
            30 when id.Contains("-nc", StringComparison.OrdinalIgnoreCase) => $"{tool.Name} is {id}{flag}: it does not allow commercial use",
            30 => $"{tool.Name} is {id}{flag}: it restricts commercial use, notably offering it as a hosted service",
            40 when tool.Facts.LicenseTerms is { } terms => $"{tool.Name} uses the {FactFormat.License(id)}{flag}: {Lower(FactDisplay.LicenseTerms(terms.Value))}{Flag(terms)}",
            40 => $"{tool.Name} uses custom terms ({FactFormat.License(id)}){flag}, and their clauses (user caps, field-of-use limits) are not on record here: read them before you ship",
            _ => $"{tool.Name} is {id}{flag}, a licence we do not classify: read it before you build a business on it",
        };
    }

    private static UseCaseAnswer? CommercialLicence(Tool left, Tool right)
    {
        var l = left.Facts.License;
        var r = right.Facts.License;
        if (l is null && r is null)
        {
            return null;
        }

        if (l is null || r is null)
        {
            var leftKnown = l is not null;
            var (w, o) = leftKnown ? (left, right) : (right, left);
            var usable = CommercialUse(w) != Commercial.Restricted;
            return usable
                ? Answer(UseCases.CommercialLicence, Pick.Unknown, left, right, $"{LicenceText(w)}. {Possessive(o.Name)} licence is not on record, so the two cannot be compared.")
                : Answer(UseCases.CommercialLicence, Pick.Neither, left, right, $"{LicenceText(w)}. {Possessive(o.Name)} licence is not on record, so neither is a safe commercial choice yet.");
        }

        var lc = CommercialUse(left);
        var rc = CommercialUse(right);

        // One licence with the same clauses on both sides asks the same of a product: nothing to choose on, unless it forbids the product.
        if (lc != Commercial.Restricted && SameTerms(left, right))
        {
            return null;
        }

        var both = $"{LicenceText(left)}. {LicenceText(right)}.";
        if (lc != rc)
        {
            return Answer(UseCases.CommercialLicence, Side(lc > rc), left, right,
                lc > rc ? both : $"{LicenceText(right)}. {LicenceText(left)}.");
        }

        switch (lc)
        {
            // Two permissive licences, or the same copyleft, ask the same of a product: the licence does not separate them.
            case Commercial.Permissive:
                return null;
            case Commercial.Copyleft:
                var ls = LicenceClass.Score(l.Value);
                var rs = LicenceClass.Score(r.Value);
                // Same family, fewer obligations: a weak copyleft asks less of your product than the GPL, the GPL less than the AGPL.
                return ls == rs ? null : Answer(UseCases.CommercialLicence, Side(ls > rs), left, right,
                    ls > rs ? both : $"{LicenceText(right)}. {LicenceText(left)}.");
            case Commercial.UnderTerms:
                return UnderTerms(left, right, both);
            default:
                return Answer(UseCases.CommercialLicence, Pick.Neither, left, right,
                    $"{both} Neither suits a commercial product without a separate licence from its owner.");
        }
    }

    /// <summary>Vendor terms or custom licences: two closed APIs do not differ here; custom licences differ by their clauses.</summary>
    private static UseCaseAnswer? UnderTerms(Tool left, Tool right, string both)
    {
        var lp = IsProprietary(left.Facts.License!.Value);
        var rp = IsProprietary(right.Facts.License!.Value);
        if (lp && rp)
        {
            return null;
        }

        if (lp != rp)
        {
            var (custom, closed) = lp ? (right, left) : (left, right);
            var cap = custom.Facts.LicenseTerms?.Value.UserCap is { } users ? $", below {FactFormat.Count(users)} monthly users" : "";
            return Answer(UseCases.CommercialLicence, Pick.Depends, left, right,
                $"{both} It depends on whether you need to ship or change the model itself, which only {Possessive(custom.Name)} licence allows{cap}, or only to call a service under {Possessive(closed.Vendor.Name)} terms.");
        }

        var lr = Restrictions(left);
        var rr = Restrictions(right);
        if (lr is null || rr is null)
        {
            return Answer(UseCases.CommercialLicence, Pick.Unknown, left, right, $"{both} Without both licences' clauses on record the two cannot be ranked.");
        }

        if (lr.Count == rr.Count)
        {
            return Answer(UseCases.CommercialLicence, Pick.Depends, left, right,
                $"{both} Each carries {lr.Count} condition{(lr.Count == 1 ? "" : "s")} beyond the notice, so it depends on which your product can live with.");
        }

        var leftFewer = lr.Count < rr.Count;
        return Answer(UseCases.CommercialLicence, Side(leftFewer), left, right,
            $"{(leftFewer ? both : $"{LicenceText(right)}. {LicenceText(left)}.")} That is {Math.Min(lr.Count, rr.Count)} condition{(Math.Min(lr.Count, rr.Count) == 1 ? "" : "s")} against {Math.Max(lr.Count, rr.Count)}.");
    }

    private static bool SameTerms(Tool left, Tool right)
    {
        if (!string.Equals(left.Facts.License!.Value.Trim(), right.Facts.License!.Value.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return (left.Facts.LicenseTerms?.Value, right.Facts.LicenseTerms?.Value) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.CommercialUse == b.CommercialUse && a.UserCap == b.UserCap && a.UseRestrictions == b.UseRestrictions
                && a.ExcludedRegions.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(b.ExcludedRegions.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>The clauses of a custom licence that limit a product: a user cap, a use policy, excluded regions; null when not on record.</summary>
    private static List<string>? Restrictions(Tool tool)
    {
        if (tool.Facts.LicenseTerms?.Value is not { } terms)
        {
            return null;
        }

        var list = new List<string>();
        if (terms.UserCap is not null)
        {
            list.Add("user cap");
        }

        if (terms.UseRestrictions == true)
        {
            list.Add("use policy");
        }

        if (terms.ExcludedRegions.Count > 0)
        {
            list.Add("excluded regions");
        }

        return list;
    }
}
