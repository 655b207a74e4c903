using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Site;

namespace Shipwise.Catalog;

/// <summary>One row of a tool page's facts table: the value as text and where it came from.</summary>
public sealed record FactRow(string Label, string Value, string? Source, DateOnly? AsOf, FactStatus? Status, string? Note);

public static class ToolFactTable
{
    public static IReadOnlyList<FactRow> For(Tool tool)
    {
        var f = tool.Facts;
        var rows = new List<FactRow>();
        Add(rows, "Licence", f.License, v => v);
        Add(rows, "Open weights", f.OpenWeights, v => v ? "Yes" : "No");
        Add(rows, "Parameters", f.Parameters, Parameters);
        Add(rows, "Context window", f.ContextWindow, SiteText.Tokens);
        Add(rows, "Input", f.InputModalities, List);
        Add(rows, "Output", f.OutputModalities, List);
        Add(rows, "Pricing", f.Pricing, p => PricingRead.Describe(p));
        Add(rows, "Runs on", f.DeploymentTargets, List);
        Add(rows, "Runtimes", f.Runtimes, List);
        Add(rows, "Quantizations", f.Quantizations, List);
        Add(rows, "Data residency", f.DataResidency, List);
        Add(rows, "Certifications", f.Certifications, List);
        Add(rows, "Uptime SLA", f.UptimeSla, v => v.ToString("0.###", CultureInfo.InvariantCulture) + " %");
        Add(rows, "Support", f.Support, List);
        Add(rows, "Competitors", f.Competitors, List);
        foreach (var e in f.Evaluations)
        {
            rows.Add(new FactRow(
                $"Benchmark: {Benchmarks.DisplayName(e)}", $"{e.Score.ToString("0.##", CultureInfo.InvariantCulture)} ({e.Evaluator})",
                e.Source, e.AsOf, e.Status, e.Note));
        }

        return rows;
    }

    public static string Parameters(Parameters p) =>
        p.ActiveBillions is { } active && active != p.TotalBillions
            ? $"{p.TotalBillions.ToString("0.###", CultureInfo.InvariantCulture)}B total, {active.ToString("0.###", CultureInfo.InvariantCulture)}B active"
            : $"{p.TotalBillions.ToString("0.###", CultureInfo.InvariantCulture)}B";

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "None" : string.Join(", ", values);

    private static void Add<T>(List<FactRow> rows, string label, SourcedFact<T>? fact, Func<T, string> text)
    {
        if (fact is null)
        {
            rows.Add(new FactRow(label, "Unknown", null, null, null, null));
            return;
        }

        rows.Add(new FactRow(label, text(fact.Value), fact.Source, fact.AsOf, fact.Status, fact.Note));
    }
}
