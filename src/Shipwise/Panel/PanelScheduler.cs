using Microsoft.Extensions.Options;
using Shipwise.Core.Panel.Critics;
using Shipwise.Panel.Llm;

namespace Shipwise.Panel;

/// <summary>Decides which reviewer writes, and queues the work for it.</summary>
public sealed class PanelScheduler(
    CriticCatalog critics, ReviewJobStore jobs, ReviewStore reviews, PeerSnapshots peers, IServiceProvider services, IOptions<PanelOptions> options, IOptions<LlmOptions> llm)
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
}
