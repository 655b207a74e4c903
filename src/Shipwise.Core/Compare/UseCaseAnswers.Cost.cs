using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>What each costs at a stated volume, and the hardware it needs when you run it yourself.</summary>
internal static partial class UseCaseAnswers
{
    /// <summary>Two monthly bills within this share of the larger are level: a price change or a discount moves more.</summary>
    public const decimal CostLevelWithin = 0.05m;

    /// <summary>
    /// The daily volume a per-unit bill is stated at, per unit (audio priced per second or minute
    /// is converted to per hour first), and how a sentence says it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (decimal PerDay, string Said)> MediaVolumes = new Dictionary<string, (decimal, string)>(StringComparer.Ordinal)
    {
        ["image"] = (1_000, "1,000 images a day"),
        ["megapixel"] = (1_000, "1,000 megapixels a day"),
        ["video-second"] = (600, "10 minutes of video a day"),
        ["audio-hour"] = (100, "100 hours of audio a day"),
        ["million-characters"] = (10, "10M characters a day"),
        ["gpu-hour"] = (24, "one GPU around the clock"),
    };

    /// <summary>
    /// "Costs assume 100 hours of audio a day." for two speech APIs, the token mix for text models:
    /// the sentence under the answers names the volume the cost answer used.
    /// </summary>
    public static string CostBasis(Tool left, Tool right)
    {
        var tokens = $"Costs assume {Phrasing.Tokens(CostModel.TokensPerDay)} tokens a day, three input tokens to one output; self-hosting rents the GPUs that hold the weights at FP8 by total parameters.";
        if (!IsMedia(left) && !IsMedia(right) && left.Kind != "hardware" && right.Kind != "hardware")
        {
            return tokens;
        }

        var unit = SharedUnit(UnitPrices(left), UnitPrices(right));
        return unit is not null && MediaVolumes.TryGetValue(unit, out var volume)
            ? $"Costs assume {volume.Said}, at each one's cheapest price per unit."
            : "Costs compare each one's cheapest price per unit, where both are priced in the same unit.";
    }

    /// <summary>The unit both are priced in that the cost answer compares: one with a stated daily volume first.</summary>
    private static string? SharedUnit<T>(IReadOnlyDictionary<string, T> left, IReadOnlyDictionary<string, T> right) =>
        left.Keys.Intersect(right.Keys, StringComparer.Ordinal)
            .OrderBy(u => MediaVolumes.ContainsKey(u) ? 0 : 1).ThenBy(u => u, StringComparer.Ordinal).FirstOrDefault();

    private static bool IsMedia(Tool tool) => tool.Category is "image-generation" or "video-generation" or "speech-recognition" or "speech-synthesis";

    private static bool IsSoftware(Tool tool) => tool.Kind is "runtime" or "app" or "library" or "provider";

    private static bool IsFree(Tool tool) => tool.Facts.Pricing?.Value.Model is "free" or "open-source";

    /// <summary>What a steady workload costs one tool a month, and the sentence that says how.</summary>
    private sealed record Bill(decimal Monthly, string Text);

    private static UseCaseAnswer? CostAtVolume(Tool left, Tool right, CompareContext context)
    {
        if (left.Kind == "hardware" || IsMedia(left) || IsMedia(right))
        {
            return UnitCost(left, right, context);
        }

        if (IsSoftware(left) && IsSoftware(right))
        {
            return SoftwareCost(left, right);
        }

        var lb = TokenBill(left, context);
        var rb = TokenBill(right, context);
        // Embedding models bill input only, so the mix does not apply to them.
        var volume = left.Category == "embedding-models"
            ? $"At {Phrasing.Tokens(CostModel.TokensPerDay)} tokens a day"
            : $"At {Phrasing.Tokens(CostModel.TokensPerDay)} tokens a day ({Mix()})";
        if (lb is null && rb is null)
        {
            return left.Facts.Pricing is null && right.Facts.Pricing is null
                ? null
                : Answer(UseCases.CostAtVolume, Pick.Unknown, left, right, $"{NoBill(left, context)}; {NoBill(right, context)}, so neither bill at volume can be worked out.");
        }

        if (lb is null || rb is null)
        {
            var (known, kb, unknown) = lb is not null ? (left, lb, right) : (right, rb!, left);
            return Answer(UseCases.CostAtVolume, Pick.Unknown, left, right,
                $"{volume}, {known.Name} costs {Phrasing.Money(kb.Monthly)} a month: {kb.Text}. {NoBill(unknown, context)}, so the two cannot be compared.");
        }

        var crossover = CrossOver(left, right, context) ?? CrossOver(right, left, context) ?? "";
        if (Level(lb.Monthly, rb.Monthly))
        {
            var on = left.Category == "embedding-models" || lb.Monthly == rb.Monthly
                ? "volume discounts, cached input, batch jobs and rate limits"
                : "your own input-to-output mix and on discounts such as cached input and batch jobs";
            return Answer(UseCases.CostAtVolume, Pick.Depends, left, right,
                $"{volume}, both come to about the same: {left.Name} {Phrasing.Money(lb.Monthly)} a month ({lb.Text}), {right.Name} {Phrasing.Money(rb.Monthly)} ({rb.Text}). "
                + $"It depends on {on}.{crossover}");
        }

        var leftCheaper = lb.Monthly < rb.Monthly;
        var (w, wb, o, ob) = leftCheaper ? (left, lb, right, rb) : (right, rb, left, lb);
        return Answer(UseCases.CostAtVolume, Side(leftCheaper), left, right,
            $"{volume}, {w.Name} costs {Phrasing.Money(wb.Monthly)} a month against {Phrasing.Money(ob.Monthly)} for {o.Name}, {BillShare(wb.Monthly / Math.Max(ob.Monthly, 1))} the bill. "
            + $"{w.Name}: {wb.Text}. {o.Name}: {ob.Text}.{crossover}");
    }

    /// <summary>
    /// Open weights against a hosted API: the daily volume at which renting the GPUs for the open
    /// model costs less than paying the API, so a reader at another volume can place themselves.
    /// </summary>
    private static string? CrossOver(Tool open, Tool api, CompareContext context)
    {
        if (api.Facts.OpenWeights?.Value == true || SelfHostPlanOf(open, context) is not { } plan || CostModel.CheapestBlended(api) is not { } price)
        {
            return null;
        }

        var breakEven = CostModel.BreakEvenTokensPerDay(plan, price.PerMillion);
        return breakEven == long.MaxValue
            ? null
            : $" Break-even: self-hosting {open.Name} ({Phrasing.Money(plan.Monthly)} a month) costs less than {Possessive(api.Name)} price above {Phrasing.Tokens(breakEven)} tokens a day, and more below it.";
    }

    private static string Mix() =>
        $"{FactFormat.Number(CostModel.InputShare / (1 - CostModel.InputShare))} input tokens to 1 output";

    private static bool Level(decimal a, decimal b) => Math.Abs(a - b) <= Math.Max(a, b) * CostLevelWithin;

    /// <summary>
    /// The cheapest way to serve the standard workload: the cheapest live per-token price on
    /// record, or for open weights renting the GPUs that hold them, whichever is less; null when
    /// neither can be worked out.
    /// </summary>
    private static Bill? TokenBill(Tool tool, CompareContext context)
    {
        var hosted = CostModel.CheapestBlended(tool);
        var plan = SelfHostPlanOf(tool, context);
        if (hosted is null && plan is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (hosted is not null)
        {
            var where = string.Equals(hosted.Where, tool.Vendor.Name, StringComparison.Ordinal) ? $"{Possessive(tool.Vendor.Name)} list price" : $"{Possessive(hosted.Where)} price";
            var rate = tool.Category == "embedding-models"
                ? $"{FactFormat.Usd(hosted.Input)} per 1M input tokens"
                : $"{FactFormat.Usd(hosted.Input)} in / {FactFormat.Usd(hosted.Output)} out per 1M tokens";
            parts.Add($"{where} of {rate}{FactFormat.Flag(hosted.Status)} makes {Phrasing.Money(hosted.Monthly)} a month");
        }

        if (plan is not null)
        {
            var own = $"self-hosted at FP8, {PlanText(plan)}, busy or idle";
            if (hosted is not null)
            {
                var breakEven = CostModel.BreakEvenTokensPerDay(plan, hosted.PerMillion);
                own += breakEven <= CostModel.TokensPerDay
                    ? $"; renting the GPUs beats the hosted price above {Phrasing.Tokens(breakEven)} tokens a day, so at this volume it is the cheaper way"
                    : $"; renting the GPUs beats the hosted price only above {Phrasing.Tokens(breakEven)} tokens a day";
            }

            parts.Add(own);
        }
        else if (tool.Facts.OpenWeights?.Value == true)
        {
            parts.Add(tool.Facts.Parameters is null
                ? "the open weights cannot be costed to self-host, as the parameter count is not on record"
                : "no GPU price is on record to cost self-hosting the open weights");
        }

        var monthly = Math.Min(hosted?.Monthly ?? decimal.MaxValue, plan?.Monthly ?? decimal.MaxValue);
        return new Bill(monthly, string.Join("; ", parts));
    }

    /// <summary>Why a tool has no bill: no price on record, a price not per token, weights that cannot be sized.</summary>
    private static string NoBill(Tool tool, CompareContext context)
    {
        if (tool.Facts.OpenWeights?.Value == true && tool.Facts.Parameters is null)
        {
            return $"{tool.Name} has open weights but no hosted price, and its parameter count is not on record, so self-hosting cannot be sized";
        }

        if (tool.Facts.OpenWeights?.Value == true && context.Gpus.Count == 0)
        {
            return $"{tool.Name} has open weights but no hosted price, and no GPU price is on record to cost self-hosting";
        }

        return tool.Facts.Pricing switch
        {
            null => $"{Possessive(tool.Name)} pricing is not on record",
            { } f => $"{tool.Name} lists no per-token price ({Lower(PricingRead.Describe(f.Value))}{Flag(f)})",
        };
    }

    /// <summary>Images, audio, video, GPU hours: the cheapest price per unit, on a unit both are priced in.</summary>
    private static UseCaseAnswer? UnitCost(Tool left, Tool right, CompareContext context)
    {
        var lu = UnitPrices(left);
        var ru = UnitPrices(right);
        if (lu.Count == 0 && ru.Count == 0)
        {
            return left.Facts.Pricing is null && right.Facts.Pricing is null && left.Facts.OpenWeights?.Value != true && right.Facts.OpenWeights?.Value != true
                ? null
                : Answer(UseCases.CostAtVolume, Pick.Unknown, left, right, $"{NoUnitPrice(left, context)}; {NoUnitPrice(right, context)}.");
        }

        var unit = SharedUnit(lu, ru);
        if (unit is null)
        {
            return Answer(UseCases.CostAtVolume, Pick.Unknown, left, right,
                $"{UnitsText(left, lu, context)}; {UnitsText(right, ru, context)}. They are not priced in the same unit, so the two bills cannot be compared.");
        }

        var (lo, ro) = (lu[unit], ru[unit]);
        var (l, r) = (lo.Usd, ro.Usd);
        var volume = MediaVolumes.TryGetValue(unit, out var v) ? v : ((decimal PerDay, string Said)?)null;
        string Monthly(decimal usd) => volume is { } at ? $", {Phrasing.Money(usd * at.PerDay * CostModel.DaysPerMonth)} a month at {at.Said}" : "";
        var both = $"{left.Name} costs {lo.Text(unit)}{Monthly(l)}; {right.Name} {ro.Text(unit)}{Monthly(r)}";
        if (unit == "gpu-hour" && left.Facts.AcceleratorMemoryGb is { } lm && right.Facts.AcceleratorMemoryGb is { } rm)
        {
            return GpuCost(left, lm.Value, l, right, rm.Value, r, both);
        }

        if (Level(l, r))
        {
            return Answer(UseCases.CostAtVolume, Pick.Depends, left, right,
                $"{both}. That is level, so it depends on the volume discounts each offers you.");
        }

        var leftCheaper = l < r;
        var w = leftCheaper ? left : right;
        var note = OpenWeightsUnitNote(left, context) + OpenWeightsUnitNote(right, context);
        return Answer(UseCases.CostAtVolume, Side(leftCheaper), left, right,
            $"{w.Name} is cheaper: {both}. {w.Name} costs {Phrasing.Ratio((leftCheaper ? l : r) / (leftCheaper ? r : l))} {Possessive(leftCheaper ? right.Name : left.Name)} price.{note}");
    }

    /// <summary>
    /// A GPU is rented for its memory: the price per gigabyte-hour decides, and a GPU cheaper by
    /// the hour but dearer per gigabyte is a trade-off, not a win.
    /// </summary>
    private static UseCaseAnswer GpuCost(Tool left, decimal lm, decimal l, Tool right, decimal rm, decimal r, string both)
    {
        var (lg, rg) = (l / lm, r / rm);
        var perGb = $"per GB of memory that is {FactFormat.Usd(decimal.Round(lg, 4))} an hour for {Possessive(left.Name)} {FactFormat.Gigabytes(lm)} and {FactFormat.Usd(decimal.Round(rg, 4))} for {Possessive(right.Name)} {FactFormat.Gigabytes(rm)}";
        if (Level(lg, rg) && Level(l, r))
        {
            return Answer(UseCases.CostAtVolume, Pick.Depends, left, right,
                $"{both}; {perGb}, level, so it depends on which your models and serving stack run on.");
        }

        // Cheaper by the hour but not per gigabyte: worth it only if the model fits the smaller memory.
        var leftPerGb = lg < rg;
        if (!Level(l, r) && (Level(lg, rg) || (l < r) != leftPerGb))
        {
            var (cheapHour, small, large) = l < r ? (left, lm, rm) : (right, rm, lm);
            return Answer(UseCases.CostAtVolume, Pick.Depends, left, right,
                $"{both}; but {perGb}. It depends on whether your model fits in {Possessive(cheapHour.Name)} {FactFormat.Gigabytes(small)} or needs the other's {FactFormat.Gigabytes(large)}.");
        }

        return Answer(UseCases.CostAtVolume, Side(leftPerGb), left, right,
            $"{(leftPerGb ? left : right).Name} is the cheaper memory to rent: {both}; {perGb}.");
    }

    /// <summary>A price per unit and where it is charged.</summary>
    private sealed record UnitOffer(decimal Usd, string Where, FactStatus Status)
    {
        public string Text(string unit) => $"{UnitMoney(Usd)} {FactFormat.Unit(unit)} ({Where}{FactFormat.Flag(Status).Replace(" (", "; ", StringComparison.Ordinal).TrimEnd(')')})";
    }

    /// <summary>
    /// Cheapest live price per unit on record, the vendor's or a host's, with audio per second or
    /// minute turned into per hour so they compare. A batch-only endpoint is a discount, not a price.
    /// </summary>
    private static Dictionary<string, UnitOffer> UnitPrices(Tool tool)
    {
        var listed = (tool.Facts.Pricing is { } own ? own.Value.Units.Select(u => (u, tool.Vendor.Name, own.Status)) : [])
            .Concat(tool.Facts.Offerings.Where(o => !CostModel.IsBatch(o)).SelectMany(o => o.Pricing.Units.Select(u => (u, o.Provider, o.Status))));
        var prices = new Dictionary<string, UnitOffer>(StringComparer.Ordinal);
        foreach (var (unit, where, status) in listed)
        {
            if (unit.Usd <= 0)
            {
                continue;
            }

            var (u, per) = unit.Unit switch
            {
                "audio-second" => ("audio-hour", unit.Usd * 3600),
                "audio-minute" => ("audio-hour", unit.Usd * 60),
                _ => (unit.Unit, unit.Usd),
            };
            var label = unit.Label is { Length: > 0 } l ? $", {l}" : "";
            if (!prices.TryGetValue(u, out var had) || per < had.Usd)
            {
                prices[u] = new UnitOffer(per, where + label, status);
            }
        }

        return prices;
    }

    private static string UnitMoney(decimal usd) => usd < 0.01m ? FactFormat.Usd(decimal.Round(usd, 4)) : FactFormat.Usd(decimal.Round(usd, 3));

    private static string UnitsText(Tool tool, Dictionary<string, UnitOffer> prices, CompareContext context) => prices.Count == 0
        ? NoUnitPrice(tool, context)
        : $"{tool.Name} is priced {FactFormat.List(prices.Select(p => p.Value.Text(p.Key)))}";

    private static string NoUnitPrice(Tool tool, CompareContext context)
    {
        if (tool.Facts.OpenWeights?.Value == true)
        {
            var plan = SelfHostPlanOf(tool, context);
            return plan is null
                ? $"{tool.Name} has open weights and no hosted price on record, and self-hosting cannot be costed without its parameter count or a GPU price"
                : $"{tool.Name} has open weights and no hosted price on record: self-hosting rents {PlanText(plan)}, but how much it produces an hour is not on record, so no price per piece follows";
        }

        return tool.Facts.Pricing switch
        {
            null => $"{Possessive(tool.Name)} pricing is not on record",
            { } f => $"{tool.Name} lists no price per piece ({Lower(PricingRead.Describe(f.Value))}{Flag(f)})",
        };
    }

    // Open weights also have a self-hosting bill, but their output per GPU hour is not on record, so it cannot become a price per piece.
    private static string OpenWeightsUnitNote(Tool tool, CompareContext context) =>
        tool.Facts.OpenWeights?.Value == true && SelfHostPlanOf(tool, context) is { } plan
            ? $" {tool.Name} can also be self-hosted on {PlanText(plan)}; its output per hour is not on record, so that is not a price per piece."
            : "";

    /// <summary>Runtimes, apps, libraries and providers: no per-token bill of their own, so only a licence or seat fee differs.</summary>
    private static UseCaseAnswer? SoftwareCost(Tool left, Tool right)
    {
        var lf = IsFree(left);
        var rf = IsFree(right);
        var lm = left.Facts.Pricing?.Value is { Model: "subscription", MonthlyUsd: { } a } ? a : (decimal?)null;
        var rm = right.Facts.Pricing?.Value is { Model: "subscription", MonthlyUsd: { } b } ? b : (decimal?)null;
        if ((lf && rm is not null) || (rf && lm is not null))
        {
            var (free, paid, monthly) = lf && rm is not null ? (left, right, rm.Value) : (right, left, lm!.Value);
            return Answer(UseCases.CostAtVolume, Side(free == left), left, right,
                $"{free.Name} is {Lower(PricingRead.Describe(free.Facts.Pricing!.Value))}{Flag(free.Facts.Pricing!)}; {paid.Name} is a subscription from {FactFormat.Usd(monthly)} a month{Flag(paid.Facts.Pricing!)}. Either way the models and hardware behind them are billed separately.");
        }

        return null;
    }

    private static SelfHostPlan? SelfHostPlanOf(Tool tool, CompareContext context) =>
        tool.Facts.OpenWeights?.Value == true && tool.Facts.Parameters is { } p && context.Gpus.Count > 0
            ? CostModel.SelfHost(p.Value, context.Gpus)
            : null;

    /// <summary>"8 × NVIDIA H100 at $21.52 an hour, $15,710 a month".</summary>
    private static string PlanText(SelfHostPlan plan)
    {
        var gpus = plan.Count == 1
            ? $"one {plan.Gpu.Name}"
            : $"{plan.Count.ToString(CultureInfo.InvariantCulture)} × {plan.Gpu.Name}{(plan.Nodes > 1 ? $" across {plan.Nodes.ToString(CultureInfo.InvariantCulture)} eight-GPU machines" : "")}";
        return $"{gpus} ({FactFormat.Gigabytes(plan.Gpu.MemoryGb)}{(plan.Count == 1 ? "" : " each")}) at {Phrasing.Money(plan.UsdPerHour)} an hour, {Phrasing.Money(plan.Monthly)} a month";
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    // "91% of the bill", not "about the same as the bill": a gap this answer picks on is stated as one.
    private static string BillShare(decimal ratio) =>
        ratio is >= 0.9m and < 1m ? $"{FactFormat.Number(decimal.Round(ratio * 100, 0))}% of" : Phrasing.Ratio(ratio);
}
