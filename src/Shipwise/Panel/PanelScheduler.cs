using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Core.Panel.Critics;
using Shipwise.Data;
using Shipwise.Panel.Llm;

namespace Shipwise.Panel;

/// <summary>Decides which reviewer writes, and queues the work for it.</summary>
public sealed class PanelScheduler(
    CriticCatalog critics, ReviewJobStore jobs, ReviewStore reviews, PeerSnapshots peers, IServiceProvider services, IOptions<PanelOptions> options, IOptions<LlmOptions> llm,
    Db db, CatalogQueries catalog, TimeProvider clock)
{
    /// <summary>The configured reviewer: Panel:Reviewer, else llm when Llm:BaseUrl is set, else evidence.</summary>
    public string DefaultReviewer => options.Value.Reviewer ?? (llm.Value.IsConfigured ? "llm" : "evidence");

    public Func<Critic, ReviewerChoice> Choose(string? reviewer)
    {
        var chosen = reviewer ?? DefaultReviewer;
        if (chosen == "evidence")
        {
            return _ => ReviewerChoice.Evidence;
        }

        if (!llm.Value.IsConfigured)
        {
            throw new InvalidOperationException(
                "The LLM reviewer needs Llm:BaseUrl and Llm:Model (e.g. Llm__BaseUrl=http://127.0.0.1:11434/v1 Llm__Model=llama3.1). Set them, or use the evidence reviewer.");
        }

        var reviewerService = services.GetRequiredService<LlmReviewer>();
        return critic => new ReviewerChoice("llm", reviewerService.ModelFor(critic.Slug));
    }

    public async Task<int> EnqueueAsync(IReadOnlyCollection<long>? toolIds, bool force, string? reviewer, CancellationToken cancellationToken)
    {
        var choose = Choose(reviewer);
        await reviews.RecordCriticVersionsAsync(critics, cancellationToken);
        var snapshots = await peers.CurrentAsync(cancellationToken);
        await peers.SaveAsync(snapshots.Values, cancellationToken);
        var contexts = snapshots.ToDictionary(s => s.Key, s => PeerSnapshots.ContextOf(s.Value), StringComparer.Ordinal);
        return await jobs.EnqueueAsync(critics.All, choose, contexts, toolIds, force, cancellationToken);
    }

    /// <summary>
    /// Re-reviews hosted tools whose shutdown date has passed since their current reviews were
    /// written: the facts did not change, so no job would run, yet a retired tool gets no verdict
    /// (<see cref="LifecycleRead.AsOf"/>). Returns the tools queued. Cheap when none qualify: one
    /// query over tools that record a shutdown date and still show a sided review.
    /// </summary>
    public async Task<IReadOnlyList<long>> RequeuePassedShutdownsAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var connection = await db.OpenAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT t.id FROM tools t
            WHERE t.kind <> 'model' AND t.document LIKE '%"shutdownDate"%'
              AND EXISTS (SELECT 1 FROM reviews r WHERE r.tool_id = t.id AND r.is_current = {Db.True(connection)} AND r.verdict <> 'no-take')
            """, cancellationToken: cancellationToken))).ToList();
        var tools = candidates.Count == 0 ? new Dictionary<long, StoredTool>() : await catalog.GetByIdsAsync(candidates, cancellationToken);
        var passed = tools.Values
            .Where(t => t.Tool.Facts.Lifecycle?.Value.Status != LifecycleStatus.Retired
                && LifecycleRead.AsOf(t.Tool, today).Facts.Lifecycle?.Value.Status == LifecycleStatus.Retired)
            .Select(t => t.Id)
            .Order()
            .ToList();
        if (passed.Count > 0)
        {
            await EnqueueAsync(passed, force: true, reviewer: null, cancellationToken);
        }

        return passed;
    }
}
