using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Web;

namespace Shipwise.Compare;

public sealed class ComparePageModel(
    CompareQuery compare, Community.CommunityQueries community, Accounts.BookmarkQueries bookmarks, TimeProvider clock) : PageModel
{
    /// <summary>The lifecycle banner for each side that is not simply active (retired, deprecated, preview...).</summary>
    public IReadOnlyList<(Tool Tool, string Notice)> Notices { get; private set; } = [];

    public Comparison Comparison { get; private set; } = null!;

    public Tool Left => Comparison.Left.Tool;

    public Tool Right => Comparison.Right.Tool;

    public Community.PairPickView Pick { get; private set; } = null!;

    public Accounts.BookmarkButton? Bookmark { get; private set; }

    /// <summary>The evaluations both took, as the paired-bar chart draws them.</summary>
    public IReadOnlyList<Site.Charts.EvaluationBar> EvaluationBars { get; private set; } = [];

    /// <summary>The answers for the winners grid: every question but "overall" and "alternatives", which the verdict banner states.</summary>
    public IReadOnlyList<UseCaseAnswer> GridAnswers =>
        [.. Comparison.Answers.Where(a => a.UseCase is not (UseCases.Overall or UseCases.Alternatives))];

    private static Site.Charts.EvaluationBar Bar(SharedEvaluation shared)
    {
        var (l, r) = (shared.Left, shared.Right);
        var name = Benchmarks.DisplayName(l) + (l.Version is { Length: > 0 } v ? $" {v}" : "");
        var scale = l.Unit == "percent" && r.Unit == "percent" ? 100 : (double)Math.Max(Math.Abs(l.Score), Math.Abs(r.Score));
        var who = shared.LikeForLike
            ? FactDisplay.Who(l.Evaluator, l.Relation).Replace("run by", "both run by", StringComparison.Ordinal)
            : $"separate runs, not ranked: {FactDisplay.Who(l.Evaluator, l.Relation)} / {FactDisplay.Who(r.Evaluator, r.Relation)}";
        var note = shared.LowerIsBetter ? $"lower is better; {who}" : who;
        return new Site.Charts.EvaluationBar(name, (double)l.Score, FactDisplay.Score(l), (double)r.Score, FactDisplay.Score(r), scale, note);
    }

    public async Task<IActionResult> OnGetAsync(string pair, CancellationToken cancellationToken)
    {
        var found = await compare.FindPairAsync(pair, cancellationToken);
        if (found is null)
        {
            // Other spellings ("SmolVLM2-vs-GPT-4o-mini") are not valid slugs: try them lower-cased before giving up.
            var lower = pair.ToLowerInvariant();
            return lower != pair && ComparePair.Candidates(lower).Any() ? RedirectPermanent($"/compare/{lower}") : NotFound();
        }

        if (found.IsRedirect)
        {
            return RedirectPermanent(ComparePair.Address(found.RedirectLeft!, found.RedirectRight!));
        }

        Comparison = found.Comparison!;
        EvaluationBars = [.. Comparison.SharedEvaluations.Select(Bar)];
        // The day and the successors' names the answers used, so a notice and an answer never disagree (one read of each per page).
        var context = Comparison.Context;
        var today = context.Today ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Notices = new[] { Left, Right }
            .Select(t => (Tool: t, Notice: LifecycleNotice.For(t.Facts.Lifecycle?.Value, t.Facts.Lifecycle?.Value.Successor is { } s ? context.Names.GetValueOrDefault(s) : null, today)))
            .Where(n => n.Notice is not null)
            .Select(n => (n.Tool, n.Notice!))
            .ToList();
        Pick = await community.PairPickAsync(User, Left.Slug, Left.Name, Right.Slug, Right.Name, cancellationToken);
        if (Accounts.Reader.AccountId(User) is { } accountId)
        {
            Bookmark = new Accounts.BookmarkButton(
                Accounts.BookmarkKind.Compare, Comparison.CanonicalPath, $"{Left.Name} vs {Right.Name}",
                await bookmarks.IsBookmarkedAsync(accountId, Accounts.BookmarkKind.Compare, Comparison.CanonicalPath, cancellationToken));
        }
        ViewData["Meta"] = new PageMeta(
            $"{Left.Name} vs {Right.Name}: which one should you ship with?",
            $"{Left.Name} or {Right.Name}? Panel verdicts, pricing, key facts side by side, and an answer per use case.",
            // Both orders are one pair: search engines get the canonical address.
            Comparison.CanonicalPath)
        {
            // The preview shows the pair in the order of the link that was shared.
            ImagePath = CompareEndpoints.ShareImagePath(Comparison.Path),
            ImageAlt = $"{Left.Name} vs {Right.Name}: {Comparison.Verdict.Title}.",
        };
        return Page();
    }
}
