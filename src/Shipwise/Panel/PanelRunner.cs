using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Data;
using Shipwise.Panel.Llm;

namespace Shipwise.Panel;

public enum JobOutcome { Published, Disputed, Stale, Retrying, Failed }

/// <summary>What became of a job, and the verdict it published (for summaries).</summary>
public sealed record JobResult(JobOutcome Outcome, Verdict? Verdict = null, int? Score = null);

/// <summary>
/// A review to store. An evidence review is stored as its verdict and inputs (facts hash, critic
/// version, <see cref="AsOf"/>) and its text is regenerated on read; an LLM review carries its
/// <see cref="Text"/>, serialized here so that work runs in parallel, not in the writer's transaction.
/// <c>OnlyIfNothingCurrent</c>: the evidence fallback, shown only while no review of these facts is.
/// </summary>
public sealed record ReviewWrite(
    string CriticVersion, int? Score, Verdict Verdict, ReviewProvenance Provenance, string Status, DateOnly AsOf,
    PanelReview? Text = null, bool OnlyIfNothingCurrent = false)
{
    public string? CitedFactsJson { get; } = Text is null ? null : ReviewStore.SerializeCitedFacts(Text);

    public string? CriteriaJson { get; } = Text is null ? null : ReviewStore.SerializeCriteria(Text);

    public static ReviewWrite Evidence(Critic critic, (int? Score, Verdict Verdict) judged, DateOnly asOf, bool onlyIfNothingCurrent = false) =>
        new(critic.Version, judged.Score, judged.Verdict, new ReviewProvenance("evidence"), "published", asOf, OnlyIfNothingCurrent: onlyIfNothingCurrent);

    public static ReviewWrite Llm(PanelReview review, ReviewProvenance provenance, string status, DateOnly asOf) =>
        new(review.CriticVersion, review.Score, review.Verdict, provenance, status, asOf, review);
}

/// <summary>A job's result, computed but not yet stored.</summary>
public sealed record PreparedJob(ReviewJob Job, JobResult Result, IReadOnlyList<ReviewWrite> Writes, string? Error = null);

/// <summary>
/// Reviews a claimed job's tool and applies the dispute guard (<see cref="PrepareAsync"/>),
/// then stores results and job completion in one transaction (<see cref="CommitAsync"/>):
/// a crash leaves either both or neither, and the job runs again.
/// </summary>
public sealed class PanelRunner(
    Db db, CriticCatalog critics, EvidenceReviewer evidence, IServiceProvider services, TimeProvider clock,
    IOptions<PanelOptions> options, ILogger<PanelRunner> logger)
{
    public async Task<PreparedJob> PrepareAsync(ReviewJob job, StoredTool? stored, CancellationToken cancellationToken)
    {
        var critic = critics.Find(job.CriticSlug);
        if (stored is null || critic is null || stored.Fingerprint != job.FactsHash || critic.Version != job.CriticVersion)
        {
            // The tool or critic changed after the job was queued; a newer job covers it.
            return new PreparedJob(job, new JobResult(JobOutcome.Stale), []);
        }

        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The verdict alone: an evidence review's text is regenerated when someone reads it.
        var judged = evidence.Judge(stored.Tool, critic, asOf);
        if (job.Reviewer == "evidence")
        {
            return new PreparedJob(job, new JobResult(JobOutcome.Published, judged.Verdict, judged.Score), [ReviewWrite.Evidence(critic, judged, asOf)]);
        }

        var fallback = ReviewWrite.Evidence(critic, judged, asOf, onlyIfNothingCurrent: true);
        var outcome = await services.GetRequiredService<LlmReviewer>().ReviewWithDetailsAsync(stored.Tool, critic, asOf, cancellationToken);
        if (outcome.Review is not { } llmReview)
        {
            logger.LogWarning("LLM review of {Tool} by {Critic} failed: {Failure}", stored.Tool.Slug, critic.Slug, outcome.Failure);
            return Failed(job, outcome.Failure ?? "the model gave no usable review", [fallback]);
        }

        var provenance = new ReviewProvenance(
            "llm", outcome.Model, outcome.PromptVersion, judged.Score, outcome.PromptTokens, outcome.CompletionTokens,
            (int)outcome.Latency.TotalMilliseconds);
        return IsDisputed((llmReview.Score, llmReview.Verdict), judged, critic.ShipBar, options.Value.DisputeMargin)
            // The evidence review stays visible until an operator approves or rejects the LLM's.
            ? new PreparedJob(job, new JobResult(JobOutcome.Disputed, llmReview.Verdict, llmReview.Score), [fallback, ReviewWrite.Llm(llmReview, provenance, "disputed", asOf)])
            : new PreparedJob(job, new JobResult(JobOutcome.Published, llmReview.Verdict, llmReview.Score), [ReviewWrite.Llm(llmReview, provenance, "published", asOf)]);
    }

    /// <summary>A job that did not produce a review: retried with backoff, or recorded as failed after its last attempt.</summary>
    public PreparedJob Failed(ReviewJob job, string error, IReadOnlyList<ReviewWrite>? writes = null) =>
        new(job, new JobResult(IsLastAttempt(job) ? JobOutcome.Failed : JobOutcome.Retrying), writes ?? [], error);

    private bool IsLastAttempt(ReviewJob job) => job.Attempts >= options.Value.MaxJobAttempts;

    /// <summary>
    /// Held back for an operator when the LLM's verdict is not the evidence verdict (a no-take on one
    /// side included), when its score crosses the ship bar upward (evidence below the bar, LLM at or
    /// above it), or when the scores differ by more than the margin. Margin alone let an injected
    /// "round up to ship" publish skip 47 as ship 72.
    /// </summary>
    public static bool IsDisputed((int? Score, Verdict Verdict) llm, (int? Score, Verdict Verdict) evidence, int shipBar, int margin)
    {
        if (llm.Verdict != evidence.Verdict)
        {
            return true;
        }

        return (llm.Score, evidence.Score) switch
        {
            (null, null) => false,
            (null, _) or (_, null) => true,
            var (a, b) => (b < shipBar && a >= shipBar) || Math.Abs(a.Value - b.Value) > margin,
        };
    }

    /// <summary>Stores a batch of prepared jobs in one transaction. Jobs this node no longer holds (lease lost) write nothing.</summary>
    public async Task CommitAsync(IReadOnlyList<PreparedJob> prepared, string node, CancellationToken cancellationToken)
    {
        if (prepared.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var succeeded = prepared.Where(p => p.Error is null).ToList();
        var held = (await connection.QueryAsync<long>(new CommandDefinition(
                $"""
                UPDATE review_jobs SET status = 'done', claimed_by = NULL, claimed_until = NULL, last_error = NULL, updated_at = @now
                WHERE {db.InList("id", "ids")} AND claimed_by = @node AND status = 'running'
                RETURNING id
                """,
                new { ids = db.ListValue(succeeded.Select(p => p.Job.Id).ToList()), node, now }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet();

        var writes = new List<(ReviewJob, ReviewWrite)>();
        foreach (var job in prepared)
        {
            if (job.Error is not null)
            {
                await FailAsync(connection, transaction, job, node, now, cancellationToken);
            }
            else if (!held.Contains(job.Job.Id))
            {
                continue;
            }

            foreach (var write in job.Writes)
            {
                if (!write.OnlyIfNothingCurrent || await ReviewStore.CountCurrentForFactsAsync(connection, transaction, job.Job) == 0)
                {
                    writes.Add((job.Job, write));
                }
            }
        }

        await ReviewStore.InsertAsync(connection, transaction, writes, now);
        await transaction.CommitAsync(cancellationToken);
    }

    // Back into the queue with exponential backoff, or recorded as failed after the last attempt.
    private async Task FailAsync(DbConnection connection, DbTransaction transaction, PreparedJob job, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var final = IsLastAttempt(job.Job);
        var retryAt = now.AddSeconds(Math.Min(3600, 15 * Math.Pow(2, job.Job.Attempts - 1)));
        var error = job.Error!.Length > 2000 ? job.Error[..2000] : job.Error;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE review_jobs SET status = @status, run_after = @retryAt, last_error = @error, claimed_by = NULL, claimed_until = NULL, updated_at = @now
            WHERE id = @Id AND claimed_by = @node
            """,
            new { status = final ? "failed" : "pending", retryAt, error, now, job.Job.Id, node }, transaction, cancellationToken: cancellationToken));
    }
}
