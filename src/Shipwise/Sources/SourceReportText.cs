using System.Globalization;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Sources;

/// <summary>A source run as text: per tool and fact what was added, changed (old → new) and disputed, then the names no tool took.</summary>
public static class SourceReportText
{
    public const int UnplacedShown = 100;

    public static void Write(TextWriter output, SourceReport report, bool detailed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.WriteLine($"{report.Label} ({report.Source}): {report.Description}");
        output.WriteLine(Invariant($"  {report.EntriesRead:N0} entries read, {report.Placed:N0} placed on {report.Tools.Count:N0} tools, {report.Unplaced.Count:N0} unplaced, {report.Ignored:N0} ignored by an operator."));
        foreach (var tool in report.Tools)
        {
            var lines = tool.Outcomes.Where(o => detailed ? o.Kind != FactOutcomeKind.Confirmed : o.Kind is not (FactOutcomeKind.Confirmed or FactOutcomeKind.Kept)).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            output.WriteLine($"{tool.Slug} ({tool.Name})");
            foreach (var o in lines)
            {
                output.WriteLine(o.Kind switch
                {
                    FactOutcomeKind.Added => $"  added     {o.Fact}: {o.After}",
                    FactOutcomeKind.Changed => $"  changed   {o.Fact}: {o.Before} → {o.After}",
                    FactOutcomeKind.Conflict => $"  conflict  {o.Fact}: verified {o.Before} ≠ {report.Label} {o.After} (kept the verified value until an operator decides)",
                    _ => $"  kept      {o.Fact}: {o.Before}, not {report.Label}'s {o.After} (the catalog's fact is verified, or newer)",
                });
            }
        }

        if (report.Unplaced.Count > 0)
        {
            output.WriteLine(Invariant($"Unplaced names ({report.Unplaced.Count:N0}): no tool was matched with confidence, so none was created."));
            foreach (var name in report.Unplaced.Take(detailed ? UnplacedShown : 10))
            {
                output.WriteLine($"  {name.Name}: {name.Reason}");
            }

            var more = report.Unplaced.Count - (detailed ? UnplacedShown : 10);
            if (more > 0)
            {
                output.WriteLine(Invariant($"  … and {more:N0} more{(report.DryRun ? "" : " (all are listed at /operator/sources)")}."));
            }
        }

        var rejected = report.RejectedBefore > 0 ? Invariant($", {report.RejectedBefore:N0} conflicts rejected before and not raised again") : "";
        output.WriteLine(Invariant(
            $"Summary: {report.ToolsChanged:N0} tools changed; {report.FactsAdded:N0} facts added, {report.FactsChanged:N0} changed, {report.Conflicts:N0} conflicts, {report.Unplaced.Count:N0} unplaced names{rejected}.")
            + (report.DryRun ? " Dry run: nothing was written." : report.ToolsChanged > 0 ? " Changed tools are re-reviewed by the panel (by `serve`, or run `shipwise review --all`)." : ""));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
