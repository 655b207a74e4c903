using Microsoft.Extensions.Options;
using Shipwise.Catalog;
using Shipwise.Panel.Llm;

namespace Shipwise.Panel;

/// <summary>Claims queued jobs and runs them, several at a time: used by the background worker and `shipwise review`.</summary>
public sealed class PanelProcessor(
    ReviewJobStore jobs, PanelRunner runner, CatalogQueries catalog, IOptions<LlmOptions> llm, Telemetry.ShipwiseMetrics metrics, ILogger<PanelProcessor> logger)
{
    private const int BatchSize = 1024;

    public static string NewNodeName() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("n")[..8]}";

    // Evidence reviews use every core (measured: leaving one to the writer was slower); LLM reviews mostly wait on the network.
    private int Parallelism => Math.Max(Environment.ProcessorCount, llm.Value.MaxConcurrency);

    /// <summary>
    /// Runs due jobs until none are left. Batch N is stored while batch N+1 is being reviewed,
    /// so the single database writer and the reviewers work at the same time.
    /// </summary>
    public async Task<int> DrainAsync(
        string node, IReadOnlyCollection<long>? toolIds, Action<IReadOnlyList<(ReviewJob Job, JobResult Result)>>? onBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        PreparedJob[]? reviewed = null;
        var claimed = await jobs.ClaimAsync(node, BatchSize, toolIds, cancellationToken);
        while (claimed.Count > 0 || reviewed is not null)
        {
            var reviewing = claimed.Count > 0 ? PrepareAsync(claimed, node, cancellationToken) : Task.FromResult<PreparedJob[]>([]);
            var more = claimed.Count > 0;
            if (reviewed is not null)
            {
                var stored = await CommitAsync(reviewed, node, cancellationToken);
                total += stored.Count;
                onBatch?.Invoke(stored);
            }

            // Claims are writes too, so the writer makes them here, between commits, never against one,
            // while the reviewers may still be on the batch before: the next batch is ready when they finish.
            claimed = more ? await jobs.ClaimAsync(node, BatchSize, toolIds, cancellationToken) : [];
            var next = await reviewing;
            reviewed = next.Length > 0 ? next : null;
        }

        return total;
    }

    private async Task<PreparedJob[]> PrepareAsync(IReadOnlyList<ReviewJob> claimed, string node, CancellationToken cancellationToken)
    {
        var tools = await catalog.GetByIdsAsync(claimed.Select(j => j.ToolId).Distinct().ToList(), cancellationToken);
        var prepared = new PreparedJob[claimed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, claimed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var job = claimed[i];
                using var span = Telemetry.ShipwiseMetrics.Traces.StartActivity("review job");
                span?.SetTag("shipwise.critic", job.CriticSlug);
                span?.SetTag("shipwise.reviewer", job.Reviewer);
                metrics.ReviewJobStarted();
                try
                {
                    prepared[i] = await runner.PrepareAsync(job, tools.GetValueOrDefault(job.ToolId), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Review job {Job} ({Critic}) failed", job.Id, job.CriticSlug);
                    prepared[i] = runner.Failed(job, ex.Message);
                }
                finally
                {
                    metrics.ReviewJobStopped();
                }

                // An LLM review cost a model call: store it now rather than with the batch.
                if (job.Reviewer != "evidence")
                {
                    await runner.CommitAsync([prepared[i]], node, ct);
                }
            });
        return prepared;
    }

    private async Task<IReadOnlyList<(ReviewJob, JobResult)>> CommitAsync(PreparedJob[] prepared, string node, CancellationToken cancellationToken)
    {
        await runner.CommitAsync(prepared.Where(p => p.Job.Reviewer == "evidence").ToList(), node, cancellationToken);
        return prepared.Select(p => (p.Job, p.Result)).ToList();
    }
}
