using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>What happens to the data you send, and whether you can make the model your own.</summary>
internal static partial class UseCaseAnswers
{
    /// <summary>One data term both sides have on record, with how much it weighs: training on your inputs matters most.</summary>
    private sealed record DataTerm(string Name, int Weight, Leader Leader);

    private static UseCaseAnswer? DataHandling(Tool left, Tool right)
    {
        var leftOwn = KeepsDataHome(left);
        var rightOwn = KeepsDataHome(right);
        if (leftOwn && rightOwn)
        {
            return null;
        }

        if (leftOwn || rightOwn)
        {
            // Run on your own machines, prompts never reach a vendor: no term of a hosted service beats that for the data itself.
            var (own, hosted) = leftOwn ? (left, right) : (right, left);
            var paperwork = Certifications(hosted) is not null ? $" Only {hosted.Name} comes with a vendor's attestations, if your auditors ask for them." : "";
            return Answer(UseCases.DataHandling, Side(leftOwn), left, right,
                $"Run on your own hardware, {own.Name} sends nothing to a vendor: no retention, no training, data stays where you host it. {DataText(hosted)}.{paperwork}");
        }

        if (!HasDataFacts(left) && !HasDataFacts(right))
        {
            return null;
        }

        var terms = Terms(left, right);
        var leftPoints = terms.Where(t => t.Leader == Leader.Left).Sum(t => t.Weight);
        var rightPoints = terms.Where(t => t.Leader == Leader.Right).Sum(t => t.Weight);
        var both = $"{DataText(left)}. {DataText(right)}.";
        if (leftPoints == rightPoints)
        {
            if (leftPoints > 0)
            {
                var l = terms.Where(t => t.Leader == Leader.Left).Select(t => t.Name);
                var r = terms.Where(t => t.Leader == Leader.Right).Select(t => t.Name);
                return Answer(UseCases.DataHandling, Pick.Depends, left, right,
                    $"{both} It depends on which matters more to you: {left.Name} has {FactFormat.List(l)}; {right.Name} has {FactFormat.List(r)}.");
            }

            // The same terms with the same gaps (two models of one vendor) do not separate them at all.
            if (MissingData(left).SequenceEqual(MissingData(right)) && terms.Count > 0)
            {
                return null;
            }

            var missing = MissingData(left).Select(m => $"{Possessive(left.Name)} {m}").Concat(MissingData(right).Select(m => $"{Possessive(right.Name)} {m}")).ToList();
            return missing.Count > 0
                ? Answer(UseCases.DataHandling, Pick.Unknown, left, right, $"{both} What would separate them is not on record: {FactFormat.List(missing)}.")
                : Answer(UseCases.DataHandling, Pick.Depends, left, right, $"{both} The terms on record are the same, so it depends on the contract each vendor signs with you.");
        }

        var leftBetter = leftPoints > rightPoints;
        var winner = leftBetter ? Leader.Left : Leader.Right;
        var ahead = terms.Where(t => t.Leader == winner).OrderByDescending(t => t.Weight).Select(t => t.Name);
        var behind = terms.Where(t => t.Leader is not (Leader.Tie or Leader.None) && t.Leader != winner).Select(t => t.Name).ToList();
        var (w, o) = leftBetter ? (left, right) : (right, left);
        var trade = behind.Count > 0 ? $" {o.Name} has only {FactFormat.List(behind)} in its favour." : "";
        return Answer(UseCases.DataHandling, Side(leftBetter), left, right,
            $"{w.Name} has the better data terms: {FactFormat.List(ahead)}. {both}{trade}");
    }

    private static bool HasDataFacts(Tool tool)
    {
        var f = tool.Facts;
        return f.TrainsOnInputs is not null || f.DataRetentionDays is not null || f.ZeroDataRetention is not null || f.Dpa is not null
            || f.Certifications is not null || f.DataResidency is not null;
    }

    /// <summary>Every data term on record on both sides, with who is ahead on it.</summary>
    private static List<DataTerm> Terms(Tool left, Tool right)
    {
        var (l, r) = (left.Facts, right.Facts);
        var terms = new List<DataTerm>();
        if (l.TrainsOnInputs is { } lt && r.TrainsOnInputs is { } rt)
        {
            terms.Add(new("no training on your inputs", 3, Better(!lt.Value, !rt.Value)));
        }

        if (l.ZeroDataRetention is { } lz && r.ZeroDataRetention is { } rz)
        {
            terms.Add(new("a zero-retention option", 2, Better(lz.Value, rz.Value)));
        }

        if (l.Dpa is { } ld && r.Dpa is { } rd)
        {
            terms.Add(new("a DPA", 2, Better(ld.Value, rd.Value)));
        }

        // Attestations count by the ones auditors ask for, not by how many a vendor lists.
        if (l.Certifications is { } lc && r.Certifications is { } rc)
        {
            var (lk, rk) = (KeyCertifications(lc.Value), KeyCertifications(rc.Value));
            var leader = lk.SetEquals(rk) ? Leader.Tie : lk.IsProperSupersetOf(rk) ? Leader.Left : rk.IsProperSupersetOf(lk) ? Leader.Right : Leader.None;
            var extra = leader == Leader.Left ? lk.Except(rk) : rk.Except(lk);
            terms.Add(new($"{FactFormat.List(extra.Order(StringComparer.Ordinal))}", 1, leader));
        }

        if (l.DataResidency is { } lres && r.DataResidency is { } rres)
        {
            terms.Add(new("an EU region", 1, Better(HasEu(lres.Value), HasEu(rres.Value))));
        }

        if (l.DataRetentionDays is { } lr && r.DataRetentionDays is { } rr)
        {
            var shorter = Math.Min(lr.Value, rr.Value).ToString(CultureInfo.InvariantCulture);
            var longer = Math.Max(lr.Value, rr.Value).ToString(CultureInfo.InvariantCulture);
            terms.Add(new($"shorter retention ({shorter} days against {longer})", 1,
                lr.Value == rr.Value ? Leader.Tie : lr.Value < rr.Value ? Leader.Left : Leader.Right));
        }

        return terms;

        static Leader Better(bool a, bool b) => a == b ? Leader.Tie : a ? Leader.Left : Leader.Right;

        static bool HasEu(IReadOnlyList<string> regions) => regions.Any(r => string.Equals(r, "eu", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The attestations a security review asks for first: SOC 2, ISO 27001, HIPAA.</summary>
    private static HashSet<string> KeyCertifications(IReadOnlyList<string> listed)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in listed)
        {
            if (c.Contains("SOC 2", StringComparison.OrdinalIgnoreCase))
            {
                keys.Add("SOC 2");
            }

            if (c.Contains("27001", StringComparison.Ordinal))
            {
                keys.Add("ISO 27001");
            }

            if (c.Contains("HIPAA", StringComparison.OrdinalIgnoreCase))
            {
                keys.Add("HIPAA");
            }
        }

        return keys;
    }

    /// <summary>"Claude Haiku 5.5 does not train on your inputs, keeps them 30 days (zero retention available), offers a DPA, processes data in US and lists SOC 2 Type II and ISO 27001".</summary>
    private static string DataText(Tool tool)
    {
        var f = tool.Facts;
        var parts = new List<string>();
        if (f.TrainsOnInputs is { } t)
        {
            parts.Add((t.Value ? "trains on your inputs by default" : "does not train on your inputs") + Flag(t));
        }

        if (f.DataRetentionDays is { } d)
        {
            var days = d.Value == 0 ? "keeps nothing" : d.Value == 1 ? "keeps them 1 day" : $"keeps them {d.Value.ToString(CultureInfo.InvariantCulture)} days";
            var zdr = f.ZeroDataRetention is { Value: true } ? " (zero retention available)" : "";
            parts.Add(days + zdr + Flag(d));
        }
        else if (f.ZeroDataRetention is { } z)
        {
            parts.Add((z.Value ? "offers zero retention" : "offers no zero-retention option") + Flag(z));
        }

        if (f.Dpa is { } dpa)
        {
            parts.Add((dpa.Value ? "offers a DPA" : "offers no DPA") + Flag(dpa));
        }

        if (f.DataResidency is { Value.Count: > 0 } res)
        {
            parts.Add($"processes data in {FactFormat.List(res.Value.Select(FactFormat.Region))}{Flag(res)}");
        }

        if (Certifications(tool) is { } certs)
        {
            parts.Add($"lists {certs}");
        }

        var missing = MissingData(tool).ToList();
        var said = parts.Count == 0 ? "" : $"{tool.Name} {FactFormat.List(parts)}";
        return missing.Count == 0
            ? said
            : parts.Count == 0
                ? $"{Possessive(tool.Name)} data terms are not on record"
                : $"{said}; its {FactFormat.List(missing)} {(missing.Count == 1 ? "is" : "are")} not on record";
    }

    private static string? Certifications(Tool tool) =>
        tool.Facts.Certifications is { Value.Count: > 0 } c ? $"{FactFormat.List(c.Value)}{Flag(c)}" : null;

    /// <summary>The data terms a hosted tool does not have on record: "training policy", "retention", "DPA".</summary>
    private static IEnumerable<string> MissingData(Tool tool)
    {
        var f = tool.Facts;
        if (f.TrainsOnInputs is null)
        {
            yield return "training policy";
        }

        if (f.DataRetentionDays is null && f.ZeroDataRetention is null)
        {
            yield return "retention";
        }

        if (f.Dpa is null)
        {
            yield return "DPA";
        }
    }

    /// <summary>How far you can make the model yours, best last.</summary>
    private enum Tuning { None, NonCommercialWeights, VendorService, CustomLicenceWeights, OpenWeights }

    /// <summary>Open weights under a licence that lets you ship a tuned copy, a vendor's fine-tuning service, or nothing; null when not on record.</summary>
    private static Tuning? TuningOf(Tool tool)
    {
        var f = tool.Facts;
        if (f.OpenWeights?.Value == true && f.License is { } licence)
        {
            return CommercialUse(tool) switch
            {
                Commercial.Restricted => Tuning.NonCommercialWeights,
                Commercial.Permissive or Commercial.Copyleft => Tuning.OpenWeights,
                _ => Tuning.CustomLicenceWeights,
            };
        }

        return f.FineTuning?.Value switch
        {
            true => Tuning.VendorService,
            false => Tuning.None,
            _ => null,
        };
    }

    private static string TuningText(Tool tool, Tuning? tuning)
    {
        var f = tool.Facts;
        var floor = f.Parameters is { } p
            ? $"; its 4-bit weights alone take {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(p.Value))}, the least a QLoRA run needs"
            : "";
        return tuning switch
        {
            Tuning.OpenWeights => $"{tool.Name} has open weights under {FactFormat.License(f.License!.Value)}{Flag(f.License)}: fine-tune them yourself and ship the result{floor}",
            Tuning.CustomLicenceWeights => $"{tool.Name} has open weights under the {FactFormat.License(f.License!.Value)}{Flag(f.License)}: fine-tuned copies stay under its conditions{floor}",
            Tuning.NonCommercialWeights => $"{tool.Name} has open weights, but under {FactFormat.License(f.License!.Value)}{Flag(f.License)} a tuned copy cannot be used commercially",
            Tuning.VendorService => $"{tool.Name} offers fine-tuning as a service{Flag(f.FineTuning!)}; the tuned model stays with {tool.Vendor.Name}",
            Tuning.None => $"{tool.Name} offers no fine-tuning{Flag(f.FineTuning!)}",
            _ => $"Whether {tool.Name} can be fine-tuned is not on record",
        };
    }

    private static UseCaseAnswer? Customisation(Tool left, Tool right)
    {
        if (!IsModel(left) || !IsModel(right))
        {
            return null;
        }

        var lt = TuningOf(left);
        var rt = TuningOf(right);
        if (lt is null && rt is null)
        {
            return null;
        }

        var both = $"{TuningText(left, lt)}. {TuningText(right, rt)}.";
        if (lt is null || rt is null)
        {
            // A closed model can at most offer a tuning service, so open weights that may be tuned beat it whatever it offers.
            var (known, unknown) = lt is not null ? (lt.Value, right) : (rt!.Value, left);
            var ceiling = unknown.Kind == "api" || unknown.Facts.OpenWeights?.Value == false ? Tuning.VendorService : Tuning.OpenWeights;
            return known > ceiling
                ? Answer(UseCases.Customisation, Side(lt is not null), left, right, $"{both} No fine-tuning service matches having the weights yourself.")
                : Answer(UseCases.Customisation, Pick.Unknown, left, right, $"{both} So the two cannot be compared.");
        }

        if (lt != rt)
        {
            var leftMore = lt > rt;
            return Answer(UseCases.Customisation, Side(leftMore), left, right,
                leftMore ? both : $"{TuningText(right, rt)}. {TuningText(left, lt)}.");
        }

        if (lt == Tuning.None)
        {
            return Answer(UseCases.Customisation, Pick.Neither, left, right, $"{both} Neither can be tuned to your data.");
        }

        // Both tunable alike: a much smaller model is much cheaper to tune; otherwise nothing on record separates them.
        if (lt is Tuning.OpenWeights or Tuning.CustomLicenceWeights && left.Facts.Parameters is { } lp && right.Facts.Parameters is { } rp)
        {
            var ratio = Math.Max(lp.Value.TotalBillions, rp.Value.TotalBillions) / Math.Min(lp.Value.TotalBillions, rp.Value.TotalBillions);
            if (ratio >= 2)
            {
                var leftSmaller = lp.Value.TotalBillions < rp.Value.TotalBillions;
                return Answer(UseCases.Customisation, Side(leftSmaller), left, right,
                    $"{both} Both can be tuned, and {(leftSmaller ? left : right).Name} needs {FactFormat.Number(decimal.Round(ratio, 1))} times less memory to do it.");
            }
        }

        return null;
    }

    // The panel's rule, so a sentence may start with "vLLM" or "llama.cpp" as they are spelt.
    private static string Capital(string text) => Phrasing.Capital(text);
}
