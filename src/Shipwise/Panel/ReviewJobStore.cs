using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Core.Panel.Critics;
using Shipwise.Data;

namespace Shipwise.Panel;

/// <summary>
/// The durable queue. A job's key is tool, critic, facts hash, critic version, reviewer, model
/// and context (the reviewer's code version and the category's peer snapshot), so queueing an
/// unchanged tool again is a no-op, and a new peer or a reviewer upgrade re-reviews. Claims are leases: a worker that
/// dies leaves its jobs to be claimed again once the lease runs out.
/// </summary>
public sealed class ReviewJobStore(Db db, TimeProvider clock, IOptions<PanelOptions> options, Telemetry.ShipwiseMetrics metrics)
{
    private const string JobColumns =
        "id AS Id, tool_id AS ToolId, critic_slug AS CriticSlug, facts_hash AS FactsHash, critic_version AS CriticVersion, " +
        "reviewer AS Reviewer, model AS Model, generation AS Generation, attempts AS Attempts, context_version AS ContextVersion";

    /// <summary>Queues a job per tool and critic for the tools' current facts. Returns how many were new.</summary>
    /// <param name="contexts">Each category's context version; tools of a category not listed are not queued.</param>
    public async Task<int> EnqueueAsync(
        IReadOnlyList<Critic> critics, Func<Critic, ReviewerChoice> choose, IReadOnlyDictionary<string, string> contexts,
        IReadOnlyCollection<long>? toolIds, bool force, CancellationToken cancellationToken)
    {
        if (contexts.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();

        // SQLite needs a WHERE before ON CONFLICT, or it reads ON as a join constraint.
        var filter = toolIds is null ? "WHERE true" : $"WHERE {db.InList("t.id", "toolIds")}";
        var parameters = new DynamicParameters(new { now, toolIds = toolIds is null ? null : db.ListValue(toolIds) });
        var rows = new List<string>();
        for (var i = 0; i < critics.Count; i++)
        {
            var (reviewer, model) = choose(critics[i]);
            parameters.Add($"c{i}", critics[i].Slug);
            parameters.Add($"v{i}", critics[i].Version);
            parameters.Add($"r{i}", reviewer);
            parameters.Add($"m{i}", model);
            parameters.Add($"o{i}", i);
            rows.Add($"(@c{i}, @v{i}, @r{i}, @m{i}, @o{i})");
        }

        var contextRows = new List<string>();
        foreach (var (category, context) in contexts)
        {
            var n = contextRows.Count;
            parameters.Add($"k{n}", category);
            parameters.Add($"x{n}", context);
            contextRows.Add($"(@k{n}, @x{n})");
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One statement for every critic, ordered tool by tool, so a claimed batch needs few tools loaded.
        var created = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO review_jobs (job_key, tool_id, critic_slug, facts_hash, critic_version, reviewer, model, context_version, status, generation, attempts, run_after, created_at, updated_at)
            SELECT CAST(t.id AS TEXT) || ':' || c.column1 || ':' || t.fingerprint || ':' || c.column2 || ':' || c.column3 || ':' || c.column4 || ':' || x.column2,
                   t.id, c.column1, t.fingerprint, c.column2, c.column3, c.column4, x.column2, 'pending', 1, 0, @now, @now, @now
            FROM tools t CROSS JOIN (VALUES {string.Join(", ", rows)}) AS c
            JOIN (VALUES {string.Join(", ", contextRows)}) AS x ON x.column1 = t.category
            {filter}
            ORDER BY t.id, c.column5
            ON CONFLICT (job_key) DO NOTHING
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        if (force)
        {
            // A forced run re-does finished jobs under a new generation, so history keeps both.
            for (var i = 0; i < critics.Count; i++)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE review_jobs SET status = 'pending', generation = generation + 1, attempts = 0, run_after = @now, last_error = NULL,
                        claimed_by = NULL, claimed_until = NULL, updated_at = @now
                    WHERE critic_slug = @c{i} AND critic_version = @v{i} AND reviewer = @r{i} AND model = @m{i}
                      AND status IN ('done', 'failed')
                      AND context_version IN (SELECT x.column2 FROM (VALUES {string.Join(", ", contextRows)}) AS x)
                      AND tool_id IN (SELECT t.id FROM tools t {filter} AND t.fingerprint = review_jobs.facts_hash)
                    """,
                    parameters, transaction, cancellationToken: cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.ReviewJobsQueued(created);
        return created;
    }

    /// <summary>Claims up to <paramref name="limit"/> jobs for <paramref name="node"/>; on PostgreSQL other nodes skip the locked rows.</summary>
    public async Task<IReadOnlyList<ReviewJob>> ClaimAsync(string node, int limit, IReadOnlyCollection<long>? toolIds, CancellationToken cancellationToken)
    {
        // Two index-friendly claims rather than one OR: jobs whose lease ran out (a node died), then pending ones in id order.
        var expired = await ClaimWhereAsync(node, limit, toolIds, "status = 'running' AND claimed_until < @now", cancellationToken);
        var pending = expired.Count >= limit
            ? []
            : await ClaimWhereAsync(node, limit - expired.Count, toolIds, "status = 'pending' AND run_after <= @now", cancellationToken);
        return [.. expired.Concat(pending).OrderBy(j => j.Id)];
    }

    private async Task<IReadOnlyList<ReviewJob>> ClaimWhereAsync(
        string node, int limit, IReadOnlyCollection<long>? toolIds, string condition, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lease = now.AddSeconds(options.Value.LeaseSeconds);
        var toolFilter = toolIds is null ? "" : $"AND {db.InList("tool_id", "toolIds")}";
        var skipLocked = db.IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await db.OpenAsync(cancellationToken);
        var jobs = await connection.QueryAsync<ReviewJob>(new CommandDefinition(
            $"""
            UPDATE review_jobs SET status = 'running', claimed_by = @node, claimed_until = @lease, attempts = attempts + 1, updated_at = @now
            WHERE id IN (SELECT id FROM review_jobs WHERE {condition} {toolFilter} ORDER BY id LIMIT @limit {skipLocked})
            RETURNING {JobColumns}
            """,
            new { node, lease, now, limit, toolIds = toolIds is null ? null : db.ListValue(toolIds) },
            cancellationToken: cancellationToken));
        return jobs.ToList();
    }

    public sealed record QueueCounts(long Pending, long Running, long Done, long Failed);

    public async Task<QueueCounts> CountAsync(IReadOnlyCollection<long>? toolIds, CancellationToken cancellationToken)
    {
        var toolFilter = toolIds is null ? "" : $"WHERE {db.InList("tool_id", "toolIds")}";
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            $"SELECT status, count(*) FROM review_jobs {toolFilter} GROUP BY status",
            new { toolIds = toolIds is null ? null : db.ListValue(toolIds) },
            cancellationToken: cancellationToken))).ToDictionary(r => r.Status, r => r.Count);
        return new QueueCounts(rows.GetValueOrDefault("pending"), rows.GetValueOrDefault("running"), rows.GetValueOrDefault("done"), rows.GetValueOrDefault("failed"));
    }
}
