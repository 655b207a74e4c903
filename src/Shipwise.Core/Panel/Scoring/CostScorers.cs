using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// What a steady workload costs a month next to the category's other priced options:
/// <see cref="CostModel.TokensPerDay"/> at <see cref="CostModel.InputShare"/> input, on the
/// cheapest price on record (the vendor's or a host's). Batch and cache discounts are named.
/// </summary>
public sealed class PriceAtVolumeScorer : CriterionScorer
{
    public override string Key => "price-at-volume";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Pricing, FactName.Offerings, FactName.BatchDiscountPercent];
    public override bool UsesPeers => true;
    public override bool AppliesTo(ReviewInputs inputs) => !inputs.IsMedia;
    public override string Description =>
        "The monthly bill at 50M tokens a day (3:1 input to output) against the median of the category's priced tools: a quarter of the median scores about 90, the median 60, four times it 20.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.CheapestPrice is not { } price)
        {
            return null;
        }

        var uses = inputs.Uses(FactName.Pricing, FactName.Offerings).Where(u => u.Cited.Value.Contains('$', StringComparison.Ordinal)).ToList();
        var monthly = Phrasing.Money(price.Monthly);
        var where = price == inputs.VendorPrice ? "" : $" via {price.Where}";
        var rate = $"{FactFormat.Usd(price.Input)}/{FactFormat.Usd(price.Output)}";
        var volume = Phrasing.Tokens(CostModel.TokensPerDay);

        // Priced against tools of similar quality where the catalog can tell, else against the whole category.
        var similar = inputs.Peers.SimilarQuality(inputs.Slug, inputs.Facts.Evaluations.Select(e => (Benchmarks.ComparableKey(e), e.Score)));
        var median = similar is { } band ? inputs.Peers.Median(inputs.Slug, p => p.BlendedPrice, band) : null;
        var among = median is not null ? similar : null;
        var against = median is { } && similar is { } b2
            ? $"{inputs.PeerNoun} within 10% on {(Benchmarks.Find(b2.Benchmark.Split('@')[0]) is { } info ? (info.Short ?? info.Name) + (b2.Benchmark.Contains('@', StringComparison.Ordinal) ? " " + b2.Benchmark.Split('@')[1] : "") : b2.Benchmark)}"
            : $"priced {inputs.PeerNoun}";
        median ??= inputs.Peers.Median(inputs.Slug, p => p.BlendedPrice);
        double score;
        string text;
        if (median is { Median: > 0 } m)
        {
            var ratio = price.PerMillion / m.Median;
            score = Curve.Between(Math.Log2((double)ratio), -2, 90, 2, 20);
            var peerBill = Phrasing.Money(CostModel.MonthlyAt(m.Median, CostModel.TokensPerDay));
            var times = Phrasing.Ratio(ratio);
            var standing = inputs.Peers.Standing(inputs.Slug, price.PerMillion, p => p.BlendedPrice, lowerIsBetter: true, among);
            string Peer((string Name, decimal Value)? peer) => peer is { } x ? $"{x.Name} ({Phrasing.Money(CostModel.MonthlyAt(x.Value, CostModel.TokensPerDay))})" : "";
            var cheaper = standing?.NextBetter is null ? "" : $"dearer than {Peer(standing.NextBetter)}";
            var dearer = standing?.NextWorse is null ? "" : $"cheaper than {Peer(standing.NextWorse)}";
            var near = Phrasing.List(new[] { dearer, cheaper }.Where(x => x.Length > 0));
            near = near.Length > 0 ? $", {near}" : "";
            text = (Phrasing.Choose(inputs.Seed, "volume", 4) switch
            {
                0 => $"{inputs.Name} at {rate}{where} runs {monthly} a month on {volume} tokens a day{near}; {times} the {peerBill} median of {m.Count} {against}.",
                1 => $"{monthly} a month buys {volume} daily tokens of {inputs.Name} at {rate}{where}{near}: {times} the {m.Count}-tool median ({peerBill}, {against}).",
                2 => $"At {rate} per million{where}, {inputs.Name} bills {monthly} monthly for {volume} tokens/day{near}, {times} the {peerBill} median of {m.Count} {against}.",
                _ => $"{inputs.Name}: {rate}{where}, so {monthly} a month at {volume}/day{near}; {times} the {peerBill} median of {m.Count} {against}.",
            });
        }
        else
        {
            // No peers to compare with: an absolute reading of the per-token price.
            score = Curve.Between(Math.Log2((double)Math.Max(0.01m, price.PerMillion)), -3, 90, 4, 20);
            text = $"{inputs.Name} at {rate}{where} runs {monthly} a month on {volume} tokens a day.";
        }

        var findings = new List<Finding> { new("price", Polarity(score), text, 1.2) };
        if (inputs.Facts.BatchDiscountPercent is { Value: > 0 } batch)
        {
            score += 5;
            // The discount is the vendor's, so it is worked out on the vendor's own bill, in dollars at the review's volume.
            var off = inputs.VendorPrice is { } own
                ? $": {Phrasing.Money(own.Monthly)} a month at {volume}/day becomes {Phrasing.Money(own.Monthly * (100 - batch.Value) / 100)}"
                : "";
            findings.Add(new("price", 1, (Phrasing.Choose(inputs.Seed, "batch", 2) switch
            {
                0 => $"{Phrasing.Possessive(inputs.Name)} batch API takes {FactFormat.Number(batch.Value)}% off jobs that can wait{off}.",
                _ => $"Overnight work runs {FactFormat.Number(batch.Value)}% cheaper through {Phrasing.Possessive(inputs.Name)} batch API{off}.",
            }), 0.4));
            uses.AddRange(inputs.Uses(FactName.BatchDiscountPercent));
        }

        if (inputs.Facts.Pricing?.Value.CachedInputPerMillionTokensUsd is { } cached && price.Input > 0 && cached < price.Input)
        {
            score += 5;
            findings.Add(new("price", 1, (Phrasing.Choose(inputs.Seed, "cache", 2) switch
            {
                0 => $"Cached input drops to {FactFormat.Usd(cached)}, {Phrasing.Ratio(cached / price.Input)} {Phrasing.Possessive(inputs.Name)} {FactFormat.Usd(price.Input)} list rate.",
                _ => $"Repeated prompts cost {FactFormat.Usd(cached)} per million from {Phrasing.Possessive(inputs.Name)} cache instead of {FactFormat.Usd(price.Input)}.",
            }), 0.4));
        }

        return Outcome(score, uses.Count > 0 ? uses : inputs.Uses(FactName.Pricing), [.. findings]);
    }
}

/// <summary>What it costs to find out whether it works: free, a free tier, a small bill, or a sales call.</summary>
public sealed class FirstTryCostScorer : CriterionScorer
{
    public override string Key => "first-try-cost";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Pricing, FactName.Offerings];
    public override string Description => "Free or open source 100, a free tier 90, cheap metered use (under $1 per 1M tokens) 80 down to 45, pay-as-you-go at per-model rates with no figure on record 60, a subscription 45, no published price 20.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.Facts.Pricing is not { } pricing)
        {
            return null;
        }

        var p = pricing.Value;
        var cheapest = inputs.CheapestPrice;
        var (score, text) = p switch
        {
            { Model: "open-source" } => (100.0, (Phrasing.Choose(inputs.Seed, "try-oss", 3) switch
            {
                0 => $"{Phrasing.Possessive(inputs.Name)} {(inputs.Kind == "model" ? "weights are" : "code is")} free to download; only your machine time costs.",
                1 => $"No licence fee stands between you and a first {inputs.Name} run.",
                _ => $"A first {inputs.Name} experiment is free apart from the hardware.",
            })),
            { Model: "free" } => (100.0, $"{inputs.Name} costs nothing to use."),
            { Model: "freemium" } or { FreeTier: true } => (90.0, (Phrasing.Choose(inputs.Seed, "try-free-tier", 2) switch
            {
                0 => $"{Phrasing.Possessive(inputs.Name)} free tier covers a prototype before anyone signs a purchase order.",
                _ => $"A free tier lets you try {inputs.Name} with no card on file.",
            })),
            { Model: "usage-based" } when cheapest is not null => (Curve.Between((double)cheapest.PerMillion, 0.2, 80, 10, 45),
                cheapest.PerMillion <= 1
                    ? $"A first {inputs.Name} test costs cents: {FactFormat.Usd(decimal.Round(cheapest.PerMillion, 2))} per million mixed tokens."
                    : $"Trying {inputs.Name} is pay-as-you-go, {FactFormat.Usd(decimal.Round(cheapest.PerMillion, 2))} per million mixed tokens, no commitment."),
            { Model: "usage-based" } when p.Units.Count > 0 => (70.0,
                $"{inputs.Name} bills from the first call, {FactFormat.Usd(p.Units[0].Usd)} {FactFormat.Unit(p.Units[0].Unit)}, no commitment."),
            { Model: "usage-based" } => (60.0, p.FreeTier == false
                ? $"{inputs.Name} has no free tier; each model is metered at its own rate."
                : $"{inputs.Name} meters each model at its own rate, with no commitment."),
            { Model: "subscription" } => (45.0, p.MonthlyUsd is { } m
                ? $"{inputs.Name} has no pay-as-you-go entry: plans start at {FactFormat.Usd(m)} a month."
                : $"{inputs.Name} is sold only as a subscription."),
            _ => (20.0, $"{inputs.Name} publishes no price, so a trial starts with a sales call."),
        };
        return Outcome(score, inputs.Uses(FactName.Pricing), new Finding("first-try", Polarity(score), text, 0.6));
    }
}

/// <summary>
/// Running the weights yourself, as a bill: GPUs rented for the memory the model needs at FP8
/// (by total parameters), against the cheapest hosted price, with the daily volume at which
/// the two meet. "Open weights" is not "free at scale".
/// </summary>
public sealed class SelfHostCostScorer : CriterionScorer
{
    public override string Key => "self-host-cost";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Parameters, FactName.Offerings, FactName.Pricing];
    public override bool UsesPeers => true;
    public override string Description =>
        "Monthly GPU rent to hold the weights at FP8 (+20 % for cache) on the cheapest priced GPU: $300 a month scores about 95, $3,000 70, $30,000 35, more than 64 GPUs 5.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.Facts.Parameters is not { } parameters || inputs.Peers.Gpus.Count == 0)
        {
            return null;
        }

        var uses = inputs.Uses(FactName.Parameters).ToList();
        var plan = CostModel.SelfHost(parameters.Value, inputs.Peers.Gpus);
        if (plan is null)
        {
            return Outcome(5, uses, new Finding("self-host", -1,
                $"{Phrasing.Possessive(inputs.Name)} {FactFormat.Number(parameters.Value.TotalBillions)}B parameters need about {FactFormat.Gigabytes(decimal.Round(parameters.Value.TotalBillions * CostModel.ServingHeadroom, 0))} at FP8, beyond {CostModel.MaxGpus} of any GPU priced here.", 1.1));
        }

        var score = Curve.Between(Math.Log10((double)Math.Max(1, plan.Monthly)), 2.5, 95, 4.5, 35);
        var machines = plan.Nodes > 1 ? $" across {plan.Nodes} eight-GPU machines" : "";
        var gpus = plan.Count == 1 ? $"one {plan.Gpu.Name}" : $"{plan.Count} × {plan.Gpu.Name}{machines}";
        var rent = Phrasing.Money(plan.Monthly);
        var text = (Phrasing.Choose(inputs.Seed, "selfhost", 4) switch
        {
            0 => $"Self-hosting {inputs.Name} means {FactFormat.Gigabytes(plan.NeedGb)} at FP8 on {gpus}: {Phrasing.Money(plan.UsdPerHour)} an hour, {rent} a month idle or busy.",
            1 => $"{Phrasing.Possessive(inputs.Name)} {FactFormat.Number(parameters.Value.TotalBillions)}B parameters take {gpus} at FP8, about {rent} a month in rent{(plan.Gpu.Label is { } l ? $" ({l})" : "")}.",
            2 => $"{rent} a month rents the {gpus} that {(plan.Count == 1 ? "holds" : "hold")} {Phrasing.Possessive(inputs.Name)} {FactFormat.Gigabytes(plan.NeedGb)} of FP8 weights and cache.",
            _ => $"Owning the serving of {inputs.Name}: {gpus}, {FactFormat.Gigabytes(plan.NeedGb)} at FP8, {rent} monthly.",
        });
        var findings = new List<Finding> { new("self-host", Polarity(score), text, 1.1) };
        if (inputs.CheapestPrice is { } hosted)
        {
            uses.AddRange(inputs.Uses(FactName.Offerings, FactName.Pricing).Where(u => u.Cited.Value.Contains('$', StringComparison.Ordinal)));
            var breakEven = CostModel.BreakEvenTokensPerDay(plan, hosted.PerMillion);
            var perM = FactFormat.Usd(decimal.Round(hosted.PerMillion, 2));
            var hostedWins = breakEven > CostModel.TokensPerDay;
            findings.Add(new("break-even", hostedWins ? -1 : 1, breakEven > CostModel.TokensPerDay * 20
                ? $"Against {Phrasing.Possessive(hosted.Where)} {perM} per million, {inputs.Name} on your own GPUs pays off only past {Phrasing.Tokens(breakEven)} tokens a day: the hosted route wins for almost everyone."
                : hostedWins
                    ? (Phrasing.Choose(inputs.Seed, "breakeven-hosted", 2) switch
                    {
                        0 => $"At {Phrasing.Tokens(CostModel.TokensPerDay)} tokens a day, {Phrasing.Possessive(hosted.Where)} {perM} per million undercuts renting GPUs for {inputs.Name}; owning it pays only above {Phrasing.Tokens(breakEven)}.",
                        _ => $"Self-hosted {inputs.Name} beats {hosted.Where} ({perM}/M) only past {Phrasing.Tokens(breakEven)} tokens a day; below that, buy {inputs.Name} hosted.",
                    })
                    : (Phrasing.Choose(inputs.Seed, "breakeven-own", 2) switch
                    {
                        0 => $"Renting GPUs for {inputs.Name} beats {Phrasing.Possessive(hosted.Where)} {perM} per million above {Phrasing.Tokens(breakEven)} tokens a day, so at {Phrasing.Tokens(CostModel.TokensPerDay)} owning wins.",
                        _ => $"{inputs.Name} self-hosted undercuts {Phrasing.Possessive(hosted.Where)} {perM} per million once traffic passes {Phrasing.Tokens(breakEven)} tokens daily.",
                    }), 0.9));
        }

        return Outcome(score, uses, [.. findings]);
    }
}

/// <summary>For media models: the price of one image, one second of video or one minute of audio against the category.</summary>
public sealed class UnitPriceScorer : CriterionScorer
{
    public override string Key => "unit-price";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Pricing, FactName.Offerings];
    public override bool UsesPeers => true;
    public override bool AppliesTo(ReviewInputs inputs) => inputs.IsMedia;
    public override string Description =>
        "The cheapest price per unit (image, second of video, minute of audio, 1M characters) against the category's median for the same unit: a quarter scores 90, the median 60, four times 20.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var prices = inputs.UnitPrices;
        if (prices.Count == 0)
        {
            return null;
        }

        var uses = inputs.Uses(FactName.Pricing, FactName.Offerings).Where(u => u.Cited.Value.Contains('$', StringComparison.Ordinal)).ToList();
        foreach (var (unit, usd) in prices)
        {
            if (inputs.Peers.UnitPriceMedian(inputs.Slug, unit) is { Median: > 0 } m)
            {
                var ratio = usd / m.Median;
                var score = Curve.Between(Math.Log2((double)ratio), -2, 90, 2, 20);
                var text = (Phrasing.Choose(inputs.Seed, "unit", 3) switch
                {
                    0 => $"{inputs.Name} charges {FactFormat.Usd(usd)} {FactFormat.Unit(unit)}, {Phrasing.Ratio(ratio)} the {FactFormat.Usd(m.Median)} median of {m.Count} {inputs.PeerNoun}.",
                    1 => $"At {FactFormat.Usd(usd)} {FactFormat.Unit(unit)}, {inputs.Name} costs {Phrasing.Ratio(ratio)} the going rate ({FactFormat.Usd(m.Median)} across {m.Count} {inputs.PeerNoun}).",
                    _ => $"{FactFormat.Usd(usd)} {FactFormat.Unit(unit)} for {inputs.Name}; {m.Count} {inputs.PeerNoun} have a {FactFormat.Usd(m.Median)} median.",
                });
                return Outcome(score, uses, new Finding("price", Polarity(score), text, 1.1));
            }
        }

        var (firstUnit, firstUsd) = prices.First();
        return Outcome(55, uses, new Finding("price", 0, $"{inputs.Name} charges {FactFormat.Usd(firstUsd)} {FactFormat.Unit(firstUnit)}; no peer prices that unit, so there is no going rate to compare.", 0.6));
    }
}
