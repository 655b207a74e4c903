using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>What building on each takes, and whether it will still be there.</summary>
internal static partial class UseCaseAnswers
{
    /// <summary>An API feature as a yes, a no, or not on record.</summary>
    private sealed record Feature(string Name, bool? Left, bool? Right);

    /// <summary>
    /// The features both can be held to. Open weights have no endpoint of their own (the host
    /// decides compatibility, streaming, caching and batch prices), so a pair with one only
    /// compares what the model itself does: tool calling and JSON-schema output.
    /// </summary>
    private static IReadOnlyList<Feature> Features(Tool left, Tool right)
    {
        var (l, r) = (left.Facts, right.Facts);
        Feature[] model =
        [
            new("JSON-schema output", Structured(left), Structured(right)),
            new("tool calling", l.ToolCalling?.Value, r.ToolCalling?.Value),
        ];
        var text = Taxonomy.IsTextCategory(left.Category);
        if (left.Kind == "model" || right.Kind == "model")
        {
            return text ? model : [];
        }

        // Tool calling and JSON-schema output are a chat model's; streaming matters for text and speech.
        var openai = new Feature("OpenAI compatibility", OpenAi(left), OpenAi(right));
        var streaming = new Feature("streaming", l.Streaming?.Value, r.Streaming?.Value);
        // Not "?.Value > 0": a lifted comparison with null is false, which would turn "not on record" into "no".
        var batch = new Feature("batch pricing", Batch(l), Batch(r));
        // OpenAI's API has no rerank endpoint, so "no OpenAI compatibility" says nothing about a reranker.
        if (IsReranker(left) || IsReranker(right))
        {
            return [batch];
        }

        return text || left.Kind is "provider" or "library"
            ? [openai, .. model, streaming, new("prompt caching", l.PromptCaching?.Value, r.PromptCaching?.Value), batch]
            : left.Category is "speech-recognition" or "speech-synthesis" ? [openai, streaming, batch] : [openai, batch];

        static bool? Batch(ToolFacts f) => f.BatchDiscountPercent is { } b ? b.Value > 0 : null;

        // A runtime says it in its serving features rather than as an API fact.
        static bool? OpenAi(Tool t) => t.Facts.OpenaiCompatible?.Value ?? Serves(t, "openai-compatible-server");

        static bool? Structured(Tool t) => t.Facts.StructuredOutput?.Value ?? Serves(t, "structured-output");

        static bool? Serves(Tool t, string feature) =>
            t.Facts.ServingFeatures?.Value is { } served ? served.Contains(feature, StringComparer.OrdinalIgnoreCase) : null;
    }

    private static UseCaseAnswer? ApiFeatures(Tool left, Tool right)
    {
        if (left.Kind is "runtime" && right.Kind is "runtime")
        {
            return ServingFeatures(left, right);
        }

        var features = Features(left, right);
        if (features.Count == 0)
        {
            return null;
        }

        var endpoints = left.Kind != "model" && right.Kind != "model";
        // Nothing on record for both sides means nothing to weigh: the facts table already shows what one side lists.
        if (!features.Any(f => f.Left is not null && f.Right is not null) && (!endpoints || left.Facts.Sdks is null || right.Facts.Sdks is null))
        {
            return null;
        }

        var onlyLeft = features.Where(f => f.Left == true && f.Right == false).Select(f => f.Name).ToList();
        var onlyRight = features.Where(f => f.Right == true && f.Left == false).Select(f => f.Name).ToList();
        // Languages one side has an official SDK for and the other lacks, when that side's list is thin: a
        // PHP SDK more (7 against 6) decides nothing for a team in Python or TypeScript, which both cover.
        if (endpoints && left.Facts.Sdks?.Value is { } lsdk && right.Facts.Sdks?.Value is { } rsdk)
        {
            if (lsdk.Except(rsdk, StringComparer.OrdinalIgnoreCase).ToList() is { Count: > 0 } extraLeft && ThinSdks(rsdk))
            {
                onlyLeft.Add($"official SDKs for {FactFormat.List(extraLeft.Select(FactFormat.Token))}");
            }

            if (rsdk.Except(lsdk, StringComparer.OrdinalIgnoreCase).ToList() is { Count: > 0 } extraRight && ThinSdks(lsdk))
            {
                onlyRight.Add($"official SDKs for {FactFormat.List(extraRight.Select(FactFormat.Token))}");
            }
        }

        if (endpoints && left.Facts.BatchDiscountPercent is { Value: > 0 } lb && right.Facts.BatchDiscountPercent is { Value: > 0 } rb && lb.Value != rb.Value)
        {
            (lb.Value > rb.Value ? onlyLeft : onlyRight).Add($"a larger batch discount ({FactFormat.Number(Math.Max(lb.Value, rb.Value))}% against {FactFormat.Number(Math.Min(lb.Value, rb.Value))}%)");
        }

        var both = $"{FeatureText(left, features, f => f.Left, endpoints)}. {FeatureText(right, features, f => f.Right, endpoints)}.{(endpoints ? Limits(left, right) : "")}";
        if (onlyLeft.Count > 0 && onlyRight.Count > 0)
        {
            return Answer(UseCases.ApiFeatures, Pick.Depends, left, right,
                $"{both} It depends on what you need more: {Possessive(left.Name)} {FactFormat.List(onlyLeft)}, or {Possessive(right.Name)} {FactFormat.List(onlyRight)}.");
        }

        if (onlyLeft.Count > 0 || onlyRight.Count > 0)
        {
            var leftAhead = onlyLeft.Count > 0;
            var (w, extra, o) = leftAhead ? (left, onlyLeft, right) : (right, onlyRight, left);
            return Answer(UseCases.ApiFeatures, Side(leftAhead), left, right,
                $"{w.Name} has {FactFormat.List(extra)}, which {o.Name} does not. {both}");
        }

        var unknown = features.Where(f => (f.Left is null) != (f.Right is null)).Select(f => f.Name).ToList();
        if (unknown.Count > 0)
        {
            return Answer(UseCases.ApiFeatures, Pick.Unknown, left, right,
                $"{both} Nothing on record separates them, and {FactFormat.List(unknown)} {(unknown.Count == 1 ? "is" : "are")} on record for only one of the two.");
        }

        // Every feature on record matches: the API surface does not separate them.
        return null;
    }

    /// <summary>Fewer than three official SDKs, or none for Python or for TypeScript/JavaScript: a list a team may find its language missing from.</summary>
    private static bool ThinSdks(IReadOnlyList<string> sdks) =>
        sdks.Count < 3 || !sdks.Contains("python", StringComparer.OrdinalIgnoreCase)
        || !(sdks.Contains("typescript", StringComparer.OrdinalIgnoreCase) || sdks.Contains("javascript", StringComparer.OrdinalIgnoreCase));

    /// <summary>"Gemini 4 Argon confirms an OpenAI-compatible endpoint, JSON-schema output and tool calling (3 of 6 features); streaming is not on record".</summary>
    private static string FeatureText(Tool tool, IReadOnlyList<Feature> features, Func<Feature, bool?> side, bool endpoints)
    {
        var yes = features.Where(f => side(f) == true).Select(f => f.Name).ToList();
        var no = features.Where(f => side(f) == false).Select(f => f.Name).ToList();
        var unknown = features.Where(f => side(f) is null).Select(f => f.Name).ToList();
        var parts = new List<string>();
        if (yes.Count > 0)
        {
            parts.Add($"{tool.Name} has {FactFormat.List(yes)} ({yes.Count.ToString(CultureInfo.InvariantCulture)} of the {features.Count.ToString(CultureInfo.InvariantCulture)} features compared here)");
        }

        if (no.Count > 0)
        {
            var none = no.Count == 1 ? no[0] : $"{string.Join(", ", no.Take(no.Count - 1))} or {no[^1]}";
            parts.Add(yes.Count > 0 ? $"no {none}" : $"{tool.Name} has no {none}");
        }

        if (endpoints && tool.Facts.Sdks is { Value.Count: > 0 } sdks)
        {
            // The tool is named once, by whichever part comes first ("Voyage rerank-2.5 has official SDKs for Python").
            parts.Add($"{(parts.Count == 0 ? $"{tool.Name} has " : "")}official SDKs for {FactFormat.List(sdks.Value.Select(FactFormat.Token))}");
        }

        var said = parts.Count == 0 ? $"None of the {features.Count.ToString(CultureInfo.InvariantCulture)} features compared here is on record for {tool.Name}" : string.Join("; ", parts);
        return unknown.Count == 0 || parts.Count == 0 ? said : $"{said}; {FactFormat.List(unknown)} not on record";
    }

    /// <summary>Rate limits and uptime commitments, said when either side has them on record.</summary>
    private static string Limits(Tool left, Tool right)
    {
        var parts = new List<string>();
        foreach (var tool in new[] { left, right })
        {
            if (tool.Facts.RateLimits is { } limits)
            {
                parts.Add($"{tool.Name} allows {FactDisplay.RateLimits(limits.Value)}{Flag(limits)}");
            }

            if (tool.Facts.UptimeSla is { } sla)
            {
                parts.Add($"{tool.Name} commits to {FactFormat.Number(sla.Value)}% uptime{Flag(sla)}");
            }
        }

        return parts.Count == 0 ? "" : $" {string.Join("; ", parts)}.";
    }

    /// <summary>Two serving runtimes: the serving features each lists, where both lists are on record.</summary>
    private static UseCaseAnswer? ServingFeatures(Tool left, Tool right)
    {
        var l = left.Facts.ServingFeatures;
        var r = right.Facts.ServingFeatures;
        if (l is null && r is null)
        {
            return null;
        }

        string Listed(Tool t, SourcedFact<IReadOnlyList<string>>? f) => f is null
            ? $"{Possessive(t.Name)} serving features are not on record"
            : $"{t.Name} lists {f.Value.Count.ToString(CultureInfo.InvariantCulture)} serving features{Flag(f)}";
        if (l is null || r is null)
        {
            return Answer(UseCases.ApiFeatures, Pick.Unknown, left, right, $"{Listed(left, l)}; {Listed(right, r)}, so the two cannot be compared.");
        }

        var onlyLeft = l.Value.Except(r.Value, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(FactFormat.Token).ToList();
        var onlyRight = r.Value.Except(l.Value, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(FactFormat.Token).ToList();
        var both = $"{Listed(left, l)}; {Listed(right, r)}.";
        if (onlyLeft.Count > 0 && onlyRight.Count > 0)
        {
            return Answer(UseCases.ApiFeatures, Pick.Depends, left, right,
                $"{both} It depends on what you need: only {left.Name} has {FactFormat.List(onlyLeft)}; only {right.Name} has {FactFormat.List(onlyRight)}.");
        }

        if (onlyLeft.Count == 0 && onlyRight.Count == 0)
        {
            return null;
        }

        var leftMore = onlyLeft.Count > 0;
        return Answer(UseCases.ApiFeatures, Side(leftMore), left, right,
            $"{(leftMore ? left : right).Name} has everything the other lists, plus {FactFormat.List(leftMore ? onlyLeft : onlyRight)}. {both}");
    }

    /// <summary>Active first, then preview, maintenance only, deprecated; retired or unconfirmed last.</summary>
    private static int? LifecycleRank(Tool tool, DateOnly? today = null) => tool.Facts.Lifecycle?.Value switch
    {
        null => null,
        { Status: LifecycleStatus.Deprecated, ShutdownDate: { } off } when off < today => 0,
        var l => RankOf(l.Status),
    };

    private static int RankOf(string status) => status switch
    {
        LifecycleStatus.Active => 4,
        LifecycleStatus.Preview => 3,
        LifecycleStatus.MaintenanceOnly => 2,
        LifecycleStatus.Deprecated => 1,
        _ => 0,
    };

    private static UseCaseAnswer? Lifecycle(Tool left, Tool right, CompareContext context)
    {
        var lr = LifecycleRank(left, context.Today);
        var rr = LifecycleRank(right, context.Today);
        if (lr is null && rr is null || lr == 4 && rr == 4)
        {
            return null;
        }

        var both = $"{LifecycleText(left, context)}; {LifecycleText(right, context)}.";
        if (lr is null || rr is null)
        {
            return Answer(UseCases.Lifecycle, Pick.Unknown, left, right, $"{both} So the two cannot be compared on it.");
        }

        if (lr != rr)
        {
            var leftLonger = lr > rr;
            return Answer(UseCases.Lifecycle, Side(leftLonger), left, right,
                leftLonger ? both : $"{LifecycleText(right, context)}; {LifecycleText(left, context)}.");
        }

        return lr switch
        {
            3 => Answer(UseCases.Lifecycle, Pick.Depends, left, right,
                $"{both} Neither is generally available, so it depends on how much change before release you can absorb; no release date is on record."),
            2 => Answer(UseCases.Lifecycle, Pick.Neither, left, right, $"{both} Neither gets new features: fine where it runs today, a poor start for new work."),
            1 => Answer(UseCases.Lifecycle, Pick.Neither, left, right, $"{both} Start on neither: plan for their successors."),
            _ => Answer(UseCases.Lifecycle, Pick.Neither, left, right, $"{both} Neither can be used."),
        };
    }

    /// <summary>"GPT-4o is deprecated and shuts down on 14 Jan 2027 (third-party); GPT-5.5 replaces it".</summary>
    private static string LifecycleText(Tool tool, CompareContext context)
    {
        if (tool.Facts.Lifecycle is not { } fact)
        {
            return $"{Possessive(tool.Name)} lifecycle status is not on record";
        }

        var l = fact.Value;
        var flag = $" (as of {FactFormat.Date(fact.AsOf)}{(fact.Status == FactStatus.Verified ? "" : $"; {FactFormat.Status(fact.Status)}")})";
        var successor = l.Successor is { } s ? $", and {context.NameOf(s)} replaces it" : "";
        return l.Status switch
        {
            LifecycleStatus.Active => $"{tool.Name} is generally available{flag}",
            LifecycleStatus.Preview => $"{tool.Name} is a preview{flag}, which its vendor may change or withdraw",
            LifecycleStatus.MaintenanceOnly => l.DeprecationDate is { } since
                ? $"{tool.Name} has had fixes only, no new features, since {FactFormat.Date(since)}{flag}{successor}"
                : $"{tool.Name} gets fixes only, no new features{flag}{successor}",
            LifecycleStatus.Deprecated => l.ShutdownDate is { } off
                ? off < context.Today
                    ? tool.Kind == "model"
                        ? $"{tool.Name} is deprecated: its vendor's hosted service shut down on {FactFormat.Date(off)}{flag}, though the weights still download{successor}"
                        : $"{tool.Name} was deprecated with a shutdown on {FactFormat.Date(off)}{flag}, a date now past, so it may no longer work{successor}"
                    : $"{tool.Name} is deprecated and shuts down on {FactFormat.Date(off)}{flag}{successor}"
                : $"{tool.Name} is deprecated{flag}, with no shutdown date on record{successor}",
            LifecycleStatus.Retired => l.ShutdownDate is { } gone
                ? $"{tool.Name} was retired on {FactFormat.Date(gone)}{flag}{successor}"
                : $"{tool.Name} has been retired{flag}, on a date not on record{successor}",
            _ => $"{tool.Name} is a name no public source confirms{flag}",
        };
    }
}
