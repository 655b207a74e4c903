using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>What a production team can hold the vendor to: an uptime commitment, rate limits, support.</summary>
public sealed class LimitsAndSlaScorer : CriterionScorer
{
    public override string Key => "limits-and-sla";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.UptimeSla, FactName.RateLimits, FactName.Support];
    public override string Description =>
        "An uptime SLA of 99.9 % or more 40 (99.5 % 25), published rate limits of at least 1,000 requests a minute 30 (fewer 15), enterprise support 20 (email 10); a part not on record earns half.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        if (f.UptimeSla is null && f.RateLimits is null && f.Support is null)
        {
            return null;
        }

        var sla = f.UptimeSla?.Value;
        var limits = f.RateLimits?.Value;
        var support = f.Support?.Value ?? [];
        var score = (sla switch { null => 20, >= 99.9m => 40, >= 99.5m => 25, _ => 10 })
            + (limits switch { null => 15, { RequestsPerMinute: >= 1000 } => 30, _ => 15 })
            + (f.Support is null ? 10 : support.Contains("enterprise") ? 20 : support.Count > 0 ? 10 : 0)
            + 10;
        var parts = new List<string>();
        if (sla is { } s)
        {
            parts.Add($"a {FactFormat.Number(s)}% uptime commitment");
        }

        if (limits is not null)
        {
            parts.Add($"limits of {FactDisplay.RateLimits(limits)}");
        }

        if (support.Count > 0)
        {
            parts.Add($"{Phrasing.List(support.Select(FactFormat.Token))} support");
        }

        var absent = new List<string>();
        if (sla is null)
        {
            absent.Add("uptime SLA");
        }

        if (limits is null)
        {
            absent.Add("rate limits");
        }

        var text = parts.Count > 0 ? $"{inputs.Name} commits to {Phrasing.List(parts)}." : "";
        if (absent.Count > 0)
        {
            text += (text.Length > 0 ? " " : "") + (Phrasing.Choose(inputs.Seed, "sla-absent", 2) switch
            {
                0 => $"No {Phrasing.Either(absent)} is published for {inputs.Name}.",
                _ => $"{inputs.Name} publishes no {Phrasing.Either(absent)}.",
            });
        }

        return Outcome(score, inputs.Uses(FactName.UptimeSla, FactName.RateLimits, FactName.Support), new Finding("operations", Polarity(score), text, 0.8));
    }
}

/// <summary>What happens to the data sent: kept how long, trained on or not, a zero-retention option, a DPA.</summary>
public sealed class DataHandlingScorer : CriterionScorer
{
    public override string Key => "data-handling";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.TrainsOnInputs, FactName.DataRetentionDays, FactName.ZeroDataRetention, FactName.Dpa];
    public override string Description =>
        "No training on inputs 35 (training by default 0), retention of 0 days 25, up to 30 days 15, longer 5, a zero-retention option 15, a DPA 25; a part not on record earns a third.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        if (f.TrainsOnInputs is null && f.DataRetentionDays is null && f.ZeroDataRetention is null && f.Dpa is null)
        {
            return null;
        }

        double score = 0;
        score += f.TrainsOnInputs is null ? 12 : f.TrainsOnInputs.Value ? 0 : 35;
        score += f.DataRetentionDays?.Value switch { null => 8, 0 => 25, <= 30 => 15, _ => 5 };
        score += f.ZeroDataRetention is null ? 5 : f.ZeroDataRetention.Value ? 15 : 0;
        score += f.Dpa is null ? 8 : f.Dpa.Value ? 25 : 0;
        var name = inputs.Name;
        var vendor = inputs.Vendor;
        var findings = new List<Finding>();
        var training = f.TrainsOnInputs?.Value;
        var retention = f.DataRetentionDays?.Value;
        var zero = f.ZeroDataRetention?.Value == true;

        // What the vendor does with the data, in one sentence with the vendor as its subject, each
        // term set beside the other hosted peers' where they differ: what choosing this one gains or costs.
        var seed = Phrasing.Hash(inputs.Slug);
        var peers = Hosted(inputs);
        var does = new List<string>();
        var besides = new List<string>();
        if (training is { } trains)
        {
            does.Add(trains ? $"trains on {name} inputs unless you opt out" : $"trains nothing on {name} inputs");
            if (trains && inputs.Peers.Count(inputs.Slug, inputs.Kind, "trains-nothing", p => p.TrainsOnInputs is { } t ? !t : null, seed) is { Yes: > 0 } clean)
            {
                besides.Add(clean.Yes == clean.Known ? $"{Phrasing.Capital(Phrasing.All(clean.Known))} {peers} stating a training policy train on nothing."
                    : clean.Yes == 1 ? $"Of {clean.Known} {peers} stating a training policy, only {clean.Example} trains on nothing."
                    : $"{clean.Yes} of {clean.Known} {peers} stating a training policy train on nothing, {clean.Example} among them.");
            }
        }

        if (f.Dpa?.Value is { } dpa)
        {
            does.Add(dpa ? "signs a DPA" : "offers no DPA");
            if (dpa && inputs.Peers.Count(inputs.Slug, inputs.Kind, "dpa", p => p.Dpa, seed) is { } rare && rare.Yes * 2 <= rare.Known)
            {
                besides.Add($"Only {rare.Yes} of the {rare.Known} {peers} with terms on record {(rare.Yes == 1 ? "signs" : "sign")} one.");
            }
        }

        if (retention is { } days)
        {
            var them = training is null ? $"{name} data" : "inputs";
            // Zero is the floor and needs no comparison; a period is set beside the peers that state one.
            var kept = days == 0 ? $"keeps none of {(training is null ? $"{name} data" : "them")}" : $"keeps {them} {Counting.Of(days, "day", "days")}{(zero ? " (none on request)" : "")}";
            var shorter = inputs.Peers.Count(inputs.Slug, inputs.Kind, $"retention<{days}", p => p.RetentionDays is { } d ? d < days : null, seed);
            var longer = inputs.Peers.Count(inputs.Slug, inputs.Kind, $"retention>{days}", p => p.RetentionDays is { } d ? d > days : null, seed);
            string Than(int yes, int known) => yes == known ? $"{Phrasing.All(known)} {peers} stating a period" : $"{yes} of {known} {peers} stating a period";
            kept += days == 0 ? ""
                : shorter is { Yes: > 0 } sh ? $", longer than {Than(sh.Yes, sh.Known)}"
                : longer is { Yes: > 0 } lo ? $", shorter than {Than(lo.Yes, lo.Known)}"
                : "";
            does.Add(kept);
        }
        else if (zero)
        {
            does.Add(training is null ? $"offers {name} customers zero retention" : "offers zero retention");
        }

        if (training is not null || retention is not null || zero)
        {
            findings.Add(new Finding("data", training == true ? -1 : Polarity(score), string.Join(" ", [$"{vendor} {Phrasing.List(does)}.", .. besides]), 1.1));
        }
        else if (f.Dpa?.Value is { } only)
        {
            findings.Add(new Finding("data", only ? 1 : -1, string.Join(" ", [$"{vendor} {does[0]} for {name}.", .. besides]), 0.9));
        }

        // Bought through a host, the traffic passes that host's terms as well as the vendor's: a second contract to read.
        var hosts = f.Offerings.Select(o => ReviewInputs.ShortName(o.Provider)).Where(h => h != vendor && !h.StartsWith(vendor + " ", StringComparison.Ordinal)).Distinct().Take(3).ToList();
        if (findings.Count > 0 && hosts.Count > 0)
        {
            findings.Add(new Finding("data-hosts", 0, hosts.Count == 1
                ? $"{hosts[0]} resells {name} under its own data terms too."
                : $"{Phrasing.List(hosts)} resell {name}, each under its own data terms too.", 0.75));
        }

        return Outcome(score, inputs.Uses(FactName.TrainsOnInputs, FactName.DataRetentionDays, FactName.ZeroDataRetention, FactName.Dpa), [.. findings]);
    }

    /// <summary>"hosted APIs", "providers": the peers a tool's data terms are set beside.</summary>
    internal static string Hosted(ReviewInputs inputs) => inputs.Kind switch
    {
        "api" => "hosted peers",
        "provider" => "providers",
        _ => "peers",
    };
}

/// <summary>Where data can stay and what auditors have attested: regions, SOC 2, ISO 27001, HIPAA.</summary>
public sealed class ResidencyComplianceScorer : CriterionScorer
{
    public override string Key => "residency-compliance";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.DataResidency, FactName.Certifications];
    public override string Description =>
        "An EU region 25 (another named region 15), SOC 2 Type II 30 (Type I 15), ISO 27001 20, HIPAA or ISO 42001 10; a part not on record earns a third.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        if (f.DataResidency is null && f.Certifications is null)
        {
            return null;
        }

        var regions = f.DataResidency?.Value ?? [];
        var certs = f.Certifications?.Value ?? [];
        bool Cert(string text) => certs.Any(c => c.Contains(text, StringComparison.OrdinalIgnoreCase));
        double score = 0;
        score += f.DataResidency is null ? 8 : regions.Contains("eu") ? 25 : regions.Contains("self-hosted") ? 25 : regions.Count > 0 ? 15 : 0;
        score += f.Certifications is null ? 12
            : (Cert("SOC 2 Type II") || Cert("SOC 2 Type 2") ? 30 : Cert("SOC 2") ? 15 : 0) + (Cert("27001") ? 20 : 0) + (Cert("HIPAA") || Cert("42001") ? 10 : 0);
        score += 15;
        var findings = new List<Finding>();
        if (f.DataResidency is not null)
        {
            var named = regions.Where(r => r != "self-hosted").Select(FactFormat.Region).ToList();
            var own = regions.Contains("self-hosted") ? $"{inputs.Name} also runs on your own servers" : null;
            var served = named.Count == 0 ? null : $"Data residency for {inputs.Name} covers {Phrasing.List(named)}";

            // An EU region is what most residency questions come down to: how rare it is among the hosted peers.
            var eu = inputs.Peers.Count(inputs.Slug, inputs.Kind, "eu-region", p => p.Regions is { } r ? r.Contains("eu") : null, Phrasing.Hash(inputs.Slug));
            var others = $"{DataHandlingScorer.Hosted(inputs)} stating regions";
            string Offer(int n) => n == 1 ? "offers" : "offer";
            string EuElsewhere(int yes, int known, string example) => yes == known ? $"; {Phrasing.All(known)} {others} offer the EU"
                : yes == 1 ? $"; of {known} {others}, only {example} offers the EU"
                : $"; {yes} of {known} {others} offer the EU, {example} among them";
            var field = eu switch
            {
                { } e when regions.Contains("eu") && e.Yes * 2 <= e.Known => $", an EU region that {(e.Yes == 0 ? "none" : $"only {e.Yes}")} of {e.Known} {others} {(e.Yes == 0 ? "offers" : Offer(e.Yes))}",
                { Yes: > 0 } e when !regions.Contains("eu") => EuElsewhere(e.Yes, e.Known, e.Example!),
                _ => "",
            };
            var sentence = regions.Count == 0
                ? $"{inputs.Vendor} lets no {inputs.Name} customer choose a region{(eu is { Yes: > 0 } x ? EuElsewhere(x.Yes, x.Known, x.Example!) : "")}."
                : Phrasing.Capital(string.Join("; ", new[] { served is null ? null : served + (own is null ? field : ""), own?.Replace(" also ", served is null ? " " : " also ", StringComparison.Ordinal) }.OfType<string>())) + ".";
            findings.Add(new Finding("residency", regions.Contains("eu") || own is not null ? 1 : 0, sentence, 0.8));
        }

        if (f.Certifications is not null)
        {
            findings.Add(new Finding("compliance", certs.Count == 0 ? -1 : 1, certs.Count == 0
                ? $"{inputs.Vendor} publishes no attestation covering {inputs.Name}."
                : (Phrasing.Choose(inputs.Seed, "certs", 2) switch
                {
                    0 => $"{Phrasing.Possessive(inputs.Vendor)} audits: {Phrasing.List(certs.Take(4))}.",
                    _ => $"{Phrasing.List(certs.Take(4))} {(certs.Count == 1 ? "covers" : "cover")} {Phrasing.VendorsName(inputs.Vendor, inputs.Name)} service.",
                }), 0.8));
        }

        return Outcome(score, inputs.Uses(FactName.DataResidency, FactName.Certifications), [.. findings]);
    }
}

/// <summary>
/// The licence's actual clauses, for software and weights you run yourself: commercial use,
/// user caps, acceptable-use limits, excluded regions, copyleft. (Not used for hosted APIs,
/// whose closed weights are no legal exposure: their data terms are what Counsel reads.)
/// </summary>
public sealed class LicenceTermsScorer : CriterionScorer
{
    public override string Key => "licence-terms";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.License, FactName.LicenseTerms];
    public override string Description =>
        "The licence family (permissive 95, weak copyleft 80, GPL 65, AGPL 55, a custom licence allowing commercial use 70), then the clauses: a user cap -5, an acceptable-use policy -5, an excluded region -25; no commercial use caps it at 15.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        if (f.License is null)
        {
            return null;
        }

        var licence = f.License.Value;
        var terms = f.LicenseTerms?.Value;
        // A custom licence that allows commercial use is workable for most teams; its clauses decide the rest.
        var score = LicenceClass.Score(licence) switch
        {
            40 => terms?.CommercialUse == true ? 70.0 : 55.0,
            var s => s,
        };
        var clauses = new List<string>();
        if (terms is not null)
        {
            if (terms.UserCap is { } cap)
            {
                score -= 5;
                clauses.Add($"a separate licence above {FactFormat.Count(cap)} monthly users");
            }

            if (terms.UseRestrictions == true)
            {
                score -= 5;
                clauses.Add($"{Phrasing.Possessive(inputs.Vendor)} acceptable-use policy");
            }

            if (terms.ExcludedRegions.Count > 0)
            {
                score -= 25;
                clauses.Add($"no rights for {Phrasing.List(terms.ExcludedRegions.Select(FactFormat.Region))} residents and companies");
            }

            if (!terms.CommercialUse)
            {
                score = Math.Min(score, 15);
            }

            // Not a restriction (no points): said with the clauses so one sentence carries the licence's duties.
            if (terms.AttributionRequired == true && clauses.Count > 0)
            {
                clauses.Add($"credit to {inputs.Vendor}");
            }
        }

        var name = FactFormat.License(licence);
        var theLicence = name.Contains("Licen", StringComparison.OrdinalIgnoreCase) || name.Contains("Terms", StringComparison.Ordinal) ? $"The {name}" : $"The {name} licence";
        string text;
        if (terms is { CommercialUse: false })
        {
            text = (Phrasing.Choose(inputs.Seed, "nc", 2) switch
            {
                0 => $"{theLicence} forbids commercial use of {inputs.Name}, ruling it out of any product.",
                _ => $"Under {name}, {inputs.Name} is for research and evaluation only.",
            });
        }
        else if (clauses.Count > 0)
        {
            text = (Phrasing.Choose(inputs.Seed, "clauses", 2) switch
            {
                0 => $"{theLicence} allows commercial {inputs.Name} products, with {Phrasing.List(clauses)}.",
                _ => $"Commercial use of {inputs.Name} is allowed under {name}, subject to {Phrasing.List(clauses)}.",
            });
        }
        else if (LicenceClass.Score(licence) >= 95)
        {
            text = (Phrasing.Choose(inputs.Seed, "permissive", 3) switch
            {
                0 => $"{inputs.Name} is {name}: {inputs.Name} can go in any product with {Phrasing.Possessive(inputs.Vendor)} notice.",
                1 => $"{name} puts {inputs.Name} in any product, {Phrasing.Possessive(inputs.Vendor)} notice kept.",
                _ => $"{inputs.Vendor} licenses {inputs.Name} under {name}; nothing limits where {inputs.Name} is used.",
            });
        }
        else
        {
            text = LicenceClass.Score(licence) <= LicenceClass.Proprietary
                ? $"{inputs.Name} is closed source{(terms is null ? "; its licence terms are not on record" : "")}."
                : $"{inputs.Name} is licensed {name}{(terms is null ? "; its clauses are not on record" : "")}.";
        }

        var findings = new List<Finding> { new("licence", Polarity(score), text, 1.0) };

        // The duty the licence adds beyond its name. Low weight, so it fills short reviews. A permissive
        // licence's sentence already says the vendor's notice is kept, and a clause list names the credit.
        if (terms?.AttributionRequired == true && clauses.Count == 0 && !(LicenceClass.Score(licence) >= 95 && terms.CommercialUse))
        {
            findings.Add(new Finding("licence-credit", 0, $"Products built on {inputs.Name} must credit {inputs.Vendor}.", 0.6));
        }

        // The same licence among the alternatives, and a stricter one: how much freedom choosing this tool buys.
        // For a model, the alternatives that matter are those of its size: could a team get the same weight class on easier terms?
        var seed = Phrasing.Hash(inputs.Slug);
        if (inputs.Kind == "model" && f.Parameters?.Value.TotalBillions is { } size
            && inputs.Peers.NearestInSize(inputs.Slug, size, seed) is { Count: 2 } near)
        {
            // What one peer's licence is next to this one's, said of one peer or of two: "binds less under MIT", "both bind less under MIT".
            string Terms(PeerSummary peer, bool both)
            {
                var theirs = LicenceClass.Score(peer.License!) <= LicenceClass.Proprietary ? "a closed licence" : FactFormat.License(peer.License!);
                var gap = LicenceClass.Score(peer.License!) - LicenceClass.Score(licence);
                var (verb, rest) = peer.License == licence
                    ? (LicenceClass.Score(licence) <= LicenceClass.Proprietary ? ("is", "closed too") : ("shares", name))
                    : gap < -10 ? ("binds", $"harder under {theirs}")
                    : gap > 10 ? ("binds", $"less under {theirs}")
                    : ("comes", $"under {theirs}");
                return both ? $"both {(verb == "is" ? "are" : verb[..^1])} {rest}" : $"{verb} {rest}";
            }

            // The peers lead, sized, so the sentence is about them and the tool's own size: "A (119B) and B (117B), the closest to its 128B, both bind less under MIT".
            string Sized(PeerSummary peer) => Phrasing.Sized(peer.Name, peer.TotalBillions!.Value);
            var alike = Terms(near[0], false) == Terms(near[1], false);
            findings.Add(new Finding("licence-peers", 0, alike
                ? $"{Sized(near[0])} and {Sized(near[1])}, the closest to its {FactFormat.Number(size)}B, {Terms(near[0], true)}."
                : $"Closest to its {FactFormat.Number(size)}B, {Sized(near[0])} {Terms(near[0], false)}; {Sized(near[1])} {Terms(near[1], false)}.", 0.7));
            return Outcome(score, inputs.Uses(FactName.License, FactName.LicenseTerms), [.. findings]);
        }

        var same = inputs.Peers.SameLicence(inputs.Slug, inputs.Name, inputs.Kind, licence, 2, seed).Select(p => p.Name).ToList();
        var stricter = inputs.Peers.LicencePeer(inputs.Slug, inputs.Kind, l => LicenceClass.Score(l) < LicenceClass.Score(licence) - 10, seed);
        var looser = inputs.Peers.LicencePeer(inputs.Slug, inputs.Kind, l => LicenceClass.Score(l) > LicenceClass.Score(licence) + 10, seed);
        var parts = new List<string>();
        if (same.Count > 0 && LicenceClass.Score(licence) <= LicenceClass.Proprietary)
        {
            parts.Add($"{Phrasing.List(same)} {(same.Count == 1 ? "is" : "are")} closed too");
        }
        else if (same.Count > 0)
        {
            parts.Add(Phrasing.Choose(inputs.Seed, "same-licence", 2) switch
            {
                0 => $"{inputs.Name} shares {name} with {Phrasing.List(same)}",
                _ => $"{Phrasing.List(same)}, like {inputs.Name}, {(same.Count == 1 ? "comes" : "come")} under {name}",
            });
        }

        if (stricter is not null)
        {
            parts.Add($"{PeerLicence(stricter)} binds harder");
        }
        else if (looser is not null)
        {
            parts.Add($"{PeerLicence(looser)} binds less");
        }

        if (parts.Count > 0)
        {
            findings.Add(new Finding("licence-peers", 0, Phrasing.Capital(string.Join("; ", parts)) + ".", 0.7));
        }

        return Outcome(score, inputs.Uses(FactName.License, FactName.LicenseTerms), [.. findings]);
    }

    /// <summary>"Open WebUI's licence" rather than "Open WebUI's Open WebUI License"; "vLLM's Apache-2.0".</summary>
    private static string PeerLicence(PeerSummary peer)
    {
        var licence = LicenceName(peer.License!);
        return licence.StartsWith(peer.Name, StringComparison.OrdinalIgnoreCase) ? $"{Phrasing.Possessive(peer.Name)} licence" : $"{Phrasing.Possessive(peer.Name)} {licence}";
    }

    /// <summary>A peer's licence as a sentence names it: "Apache-2.0", "closed licence" rather than "Proprietary".</summary>
    private static string LicenceName(string license) =>
        LicenceClass.Score(license) <= LicenceClass.Proprietary ? "closed licence" : FactFormat.License(license);
}
