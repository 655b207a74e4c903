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

    private enum Hosting { Unknown, CloudOnly, ClosedOnPremises, Open }

    private static readonly string[] _ownHardware = ["single-gpu", "server"];

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
            return $"{tool.Name} is proprietary{flag}: commercial use is possible only under {Possessive(tool.Vendor.Name)} terms, and you get access to it, not a copy you can change or ship";
        }

        return LicenceClass.Score(id) switch
        {
            >= 95 => $"{tool.Name} is {id}{flag}: you can use, change and ship it commercially, keeping the licence notice",
            80 => $"{tool.Name} is {id}{flag}: commercial use is allowed, but changes to its own files must be shared under the same licence",
            65 => $"{tool.Name} is {id}{flag}: commercial use is allowed, but a product you distribute with it built in must ship its source under the same licence",
            55 => $"{tool.Name} is {id}{flag}: commercial use is allowed, but users who reach it over a network are owed your modified source",
            30 when id.Contains("-nc", StringComparison.OrdinalIgnoreCase) => $"{tool.Name} is {id}{flag}: it does not allow commercial use",
            30 => $"{tool.Name} is {id}{flag}: it restricts commercial use, notably offering it as a hosted service",
            40 => $"{tool.Name} uses custom terms ({id}){flag}: read them for user caps or field-of-use limits before you ship",
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
            var usable = CommercialUse(w.Facts.License!.Value) != Commercial.Restricted;
            var reason = $"{LicenceText(w)}. {Possessive(o.Name)} licence is not on record"
                + (usable ? "." : ", so neither is a safe commercial choice yet.");
            return Answer(UseCases.CommercialLicence, usable ? Side(leftKnown) : Pick.Neither, left, right, reason);
        }

        var lc = CommercialUse(l.Value);
        var rc = CommercialUse(r.Value);
        var both = $"{LicenceText(left)}. {LicenceText(right)}.";
        if (lc != rc)
        {
            return Answer(UseCases.CommercialLicence, Side(lc > rc), left, right,
                lc > rc ? both : $"{LicenceText(right)}. {LicenceText(left)}.");
        }

        var sameId = string.Equals(l.Value, r.Value, StringComparison.OrdinalIgnoreCase);
        var flags = BothFlag(left, l, right, r);
        switch (lc)
        {
            case Commercial.Permissive:
                var ids = sameId ? $"Both are {l.Value}{flags}" : $"Both are permissive ({l.Value} and {r.Value}){flags}";
                var on = sameId
                    ? "the other questions here, not the licence"
                    : l.Value.Equals("Apache-2.0", StringComparison.OrdinalIgnoreCase) || r.Value.Equals("Apache-2.0", StringComparison.OrdinalIgnoreCase)
                        ? "whether you want Apache-2.0's explicit patent grant"
                        : "which notices you would rather keep";
                return Answer(UseCases.CommercialLicence, Pick.Depends, left, right,
                    $"{ids}: either can be used, changed and shipped commercially, so it depends on {on}.");
            case Commercial.Copyleft:
                var ls = LicenceClass.Score(l.Value);
                var rs = LicenceClass.Score(r.Value);
                if (ls != rs)
                {
                    // Same family, fewer obligations: a weak copyleft asks less of your product than the GPL, the GPL less than the AGPL.
                    return Answer(UseCases.CommercialLicence, Side(ls > rs), left, right,
                        ls > rs ? both : $"{LicenceText(right)}. {LicenceText(left)}.");
                }

                var copyleft = sameId ? $"Both are {l.Value}{flags}" : $"Both are copyleft ({l.Value} and {r.Value}){flags}";
                return Answer(UseCases.CommercialLicence, Pick.Depends, left, right,
                    $"{copyleft}: commercial use is allowed, so it depends on whether you will distribute or serve a modified copy.");
            case Commercial.UnderTerms:
                return Answer(UseCases.CommercialLicence, Pick.Depends, left, right,
                    $"{both} It depends on what each set of terms allows for your product.");
            default:
                return Answer(UseCases.CommercialLicence, Pick.Neither, left, right,
                    $"{both} Neither suits a commercial product without a separate licence from its owner.");
        }
    }

    private static Hosting HostingOf(Tool tool)
    {
        var facts = tool.Facts;
        return facts.OpenWeights?.Value switch
        {
            true => Hosting.Open,
            false => Among(facts.DeploymentTargets, _ownHardware) is { Count: > 0 } ? Hosting.ClosedOnPremises : Hosting.CloudOnly,
            // Software (a runtime, an app) has no weights; open source is what makes it yours to host.
            null when facts.Pricing?.Value.Model == "open-source" => Hosting.Open,
            _ => Hosting.Unknown,
        };
    }

    private static string HostingText(Tool tool)
    {
        var facts = tool.Facts;
        switch (HostingOf(tool))
        {
            case Hosting.Open:
                var what = facts.OpenWeights is { } weights
                    ? $"{tool.Name} publishes its weights{Flag(weights)}"
                    : $"{tool.Name} is open source{Flag(facts.Pricing!)}";
                return facts.Runtimes is { Value.Count: > 0 } runtimes
                    ? $"{what} and runs with {FactFormat.List(runtimes.Value)}{Flag(runtimes)}"
                    : what;
            case Hosting.ClosedOnPremises:
                var targets = facts.DeploymentTargets!;
                var own = Among(targets, _ownHardware)!.Select(FactFormat.Target);
                return $"{tool.Name} keeps its weights closed{Flag(facts.OpenWeights!)} but lists {FactFormat.List(own)} deployment{Flag(targets)}, which goes through {tool.Vendor.Name}";
            case Hosting.CloudOnly:
                return $"{tool.Name} keeps its weights closed{Flag(facts.OpenWeights!)}";
            default:
                return $"{Possessive(tool.Name)} weights are not on record as open or closed";
        }
    }

    private static UseCaseAnswer? SelfHosting(Tool left, Tool right)
    {
        var lh = HostingOf(left);
        var rh = HostingOf(right);
        if (lh < Hosting.ClosedOnPremises && rh < Hosting.ClosedOnPremises)
        {
            return null;
        }

        var both = $"{HostingText(left)}; {HostingText(right)}.";
        if (lh != rh)
        {
            return Answer(UseCases.SelfHosting, Side(lh > rh), left, right,
                lh > rh ? both : $"{HostingText(right)}; {HostingText(left)}.");
        }

        if (lh == Hosting.ClosedOnPremises)
        {
            return Answer(UseCases.SelfHosting, Pick.Depends, left, right,
                $"{both} It depends on each vendor's on-premises terms.");
        }

        // Both open: a single GPU is the smallest server anyone can host on.
        var ls = Among(left.Facts.DeploymentTargets, ["single-gpu"]);
        var rs = Among(right.Facts.DeploymentTargets, ["single-gpu"]);
        if (ls is not null && rs is not null && ls.Count != rs.Count)
        {
            var leftSingle = ls.Count > 0;
            var (w, o) = leftSingle ? (left, right) : (right, left);
            return Answer(UseCases.SelfHosting, Side(leftSingle), left, right,
                $"{both} {w.Name} lists a single GPU as enough{Flag(w.Facts.DeploymentTargets!)}; {o.Name} does not.");
        }

        if (left.Facts.Parameters is { } lp && right.Facts.Parameters is { } rp
            && FactFormat.ActiveBillions(lp.Value) != FactFormat.ActiveBillions(rp.Value))
        {
            var leftSmaller = FactFormat.ActiveBillions(lp.Value) < FactFormat.ActiveBillions(rp.Value);
            var (w, wp, o, op) = leftSmaller ? (left, lp, right, rp) : (right, rp, left, lp);
            return Answer(UseCases.SelfHosting, Side(leftSmaller), left, right,
                $"{both} {w.Name} has {ParametersText(wp.Value)}{Flag(wp)} against {Possessive(o.Name)} {ParametersText(op.Value)}{Flag(op)}, so it needs less hardware.");
        }

        return Answer(UseCases.SelfHosting, Pick.Depends, left, right,
            $"{both} It depends on your hardware and the runtime you already use.");
    }

    private sealed record Paperwork(
        SourcedFact<IReadOnlyList<string>>? Certifications,
        SourcedFact<IReadOnlyList<string>>? Residency,
        SourcedFact<decimal>? Sla)
    {
        public int CertificationCount => Certifications?.Value.Count ?? 0;
        public int RegionCount => Residency?.Value.Count ?? 0;
        public bool IsEmpty => CertificationCount == 0 && RegionCount == 0 && Sla is null;

        public static Paperwork Of(Tool tool) =>
            new(tool.Facts.Certifications, tool.Facts.DataResidency, tool.Facts.UptimeSla);
    }

    private static UseCaseAnswer? Compliance(Tool left, Tool right)
    {
        var l = Paperwork.Of(left);
        var r = Paperwork.Of(right);
        if (l.IsEmpty && r.IsEmpty)
        {
            return null;
        }

        // One point per kind of paperwork a side has more of; the side with more points is the easier audit.
        var leftStrengths = new List<string>();
        var rightStrengths = new List<string>();
        Compare(l.CertificationCount, r.CertificationCount, () => $"{Possessive(left.Name)} {FactFormat.List(l.Certifications!.Value)}",
            () => $"{Possessive(right.Name)} {FactFormat.List(r.Certifications!.Value)}");
        Compare(l.Sla?.Value ?? -1, r.Sla?.Value ?? -1, () => $"{Possessive(left.Name)} {FactFormat.Number(l.Sla!.Value)}% uptime SLA",
            () => $"{Possessive(right.Name)} {FactFormat.Number(r.Sla!.Value)}% uptime SLA");
        Compare(l.RegionCount, r.RegionCount, () => $"{Possessive(left.Name)} data residency in {Regions(l.Residency!)}",
            () => $"{Possessive(right.Name)} data residency in {Regions(r.Residency!)}");

        var both = $"{PaperworkText(left, l)}; {PaperworkText(right, r)}.";
        if (leftStrengths.Count != rightStrengths.Count)
        {
            var leftWins = leftStrengths.Count > rightStrengths.Count;
            var (w, o, op) = leftWins ? (left, right, r) : (right, left, l);
            var reason = leftWins ? both : $"{PaperworkText(right, r)}; {PaperworkText(left, l)}.";
            if (op.IsEmpty && o.Facts.OpenWeights?.Value == true)
            {
                reason += $" {o.Name} has open weights, so data stays wherever you host it, but no vendor attestation comes with it.";
            }

            return Answer(UseCases.Compliance, Side(leftWins), left, right, reason);
        }

        var on = leftStrengths.Count == 0
            ? "the contract terms behind them"
            : $"whether you need {FactFormat.List(leftStrengths)} or {FactFormat.List(rightStrengths)}";
        return Answer(UseCases.Compliance, Pick.Depends, left, right, $"{both} It depends on {on}.");

        void Compare(decimal lv, decimal rv, Func<string> leftText, Func<string> rightText)
        {
            if (lv > rv)
            {
                leftStrengths.Add(leftText());
            }
            else if (rv > lv)
            {
                rightStrengths.Add(rightText());
            }
        }
    }

    private static string Regions(SourcedFact<IReadOnlyList<string>> residency) =>
        FactFormat.List(residency.Value.Select(FactFormat.Region));

    /// <summary>"X lists SOC 2 Type II and ISO 27001, data residency in EU and US, and a 99.9% uptime SLA (vendor claim)".</summary>
    private static string PaperworkText(Tool tool, Paperwork paperwork)
    {
        if (paperwork.IsEmpty)
        {
            return $"{tool.Name} lists no certifications, data residency or uptime SLA";
        }

        var parts = new List<string>();
        if (paperwork.CertificationCount > 0)
        {
            parts.Add($"{FactFormat.List(paperwork.Certifications!.Value)}{Flag(paperwork.Certifications)}");
        }

        if (paperwork.RegionCount > 0)
        {
            parts.Add($"data residency in {Regions(paperwork.Residency!)}{Flag(paperwork.Residency!)}");
        }

        if (paperwork.Sla is { } sla)
        {
            parts.Add($"a {FactFormat.Number(sla.Value)}% uptime SLA{Flag(sla)}");
        }

        var listed = parts.Count switch
        {
            1 => parts[0],
            2 => $"{parts[0]} and {parts[1]}",
            _ => $"{string.Join(", ", parts.Take(parts.Count - 1))}, and {parts[^1]}",
        };
        return $"{tool.Name} lists {listed}";
    }
}
