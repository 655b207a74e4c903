using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Shipwise.Accounts;
using Shipwise.Catalog;
using Shipwise.Web;

namespace Shipwise.Sources;

/// <summary>One source on the operator view: its settings (when configured), its last run, what it changed, its conflicts and its unplaced names.</summary>
public sealed record SourceView(
    string Name, SourceSettings? Settings, SourceRunRow? LastRun, IReadOnlyList<SourceChangeRow> Changes, IReadOnlyList<ConflictRow> Conflicts,
    IReadOnlyList<SourceNameRow> Unplaced, long UnplacedTotal);

/// <summary>
/// /operator/sources: per catalog source, the last run, the changes, the conflicts (accept writes the
/// source's value, reject keeps the verified one) and the names no tool took (place on a tool, or ignore).
/// Every form posts back here with an antiforgery token (Razor Pages check it on every POST).
/// </summary>
[PersonalPage]
[Authorize(Policy = Reader.OperatorPolicy)]
public sealed class SourcesPageModel(SourceStore store, IOptions<CatalogOptions> options) : PageModel
{
    public const int ChangesShown = 20;
    public const int UnplacedShown = 50;

    public IReadOnlyList<SourceView> Sources { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var runs = await store.LastRunsAsync(cancellationToken);
        var conflicts = await store.OpenConflictsAsync(null, cancellationToken);
        var configured = options.Value.Sources;
        var names = configured.Select(s => s.EffectiveName)
            .Concat(runs.Select(r => r.SourceName))
            .Concat(conflicts.Select(c => c.SourceName))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var views = new List<SourceView>();
        foreach (var name in names)
        {
            var (unplaced, total) = await store.UnplacedAsync(name, UnplacedShown, cancellationToken);
            views.Add(new SourceView(
                name,
                configured.FirstOrDefault(s => string.Equals(s.EffectiveName, name, StringComparison.OrdinalIgnoreCase)),
                runs.FirstOrDefault(r => r.SourceName == name),
                await store.ChangesAsync(name, ChangesShown, cancellationToken),
                [.. conflicts.Where(c => c.SourceName == name)],
                unplaced,
                total));
        }

        Sources = views;
        ViewData["Meta"] = new PageMeta("Catalog sources", "Runs, changes, conflicts and unplaced names of the catalog's sources.", "/operator/sources") { NoIndex = true };
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(async by => $"Accepted: {Describe(await store.AcceptAsync(id, by, cancellationToken))} now reads the source's value; the tool will be re-reviewed.");

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(async by => $"Rejected: {Describe(await store.RejectAsync(id, by, cancellationToken))} keeps the verified value.");

    public Task<IActionResult> OnPostPlaceAsync(string source, string name, string tool, CancellationToken cancellationToken) =>
        DecideAsync(async by => $"'{name}' is placed on {await store.PlaceAsync(source, name, tool ?? "", by, cancellationToken)}; the source's next run applies it.");

    public Task<IActionResult> OnPostIgnoreAsync(string source, string name, CancellationToken cancellationToken) =>
        DecideAsync(async by =>
        {
            await store.IgnoreAsync(source, name, by, cancellationToken);
            return $"'{name}' is ignored from now on.";
        });

    private static string Describe(ConflictRow conflict) => $"{conflict.ToolName}'s {ToolFreshnessQueries.Label(conflict.Fact).ToLowerInvariant()}";

    private async Task<IActionResult> DecideAsync(Func<string, Task<string>> decide)
    {
        try
        {
            Message = await decide(Reader.Email(User) ?? "operator");
        }
        catch (SourceDecisionException ex)
        {
            Message = ex.Message;
        }

        return RedirectToPage();
    }
}
