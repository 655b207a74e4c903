using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Data;

namespace Shipwise.Panel;

/// <summary>How a review was produced, stored beside it.</summary>
public sealed record ReviewProvenance(
    string Reviewer,
    string? Model = null,
    string? PromptVersion = null,
    int? EvidenceScore = null,
    int? PromptTokens = null,
    int? CompletionTokens = null,
    int? LatencyMs = null);

public sealed record StoredReview(
    long Id,
    long ToolId,
    string ToolSlug,
    string CriticSlug,
    string CriticVersion,
    string FactsHash,
    string Reviewer,
    string? Model,
    string? PromptVersion,
    int? Score,
    Verdict Verdict,
    string Summary,
    string Body,
    IReadOnlyList<CitedFact> CitedFacts,
    IReadOnlyList<CriterionResult> Criteria,
    string Status,
    bool IsCurrent,
    int? EvidenceScore,
    int? PromptTokens,
    int? CompletionTokens,
    int? LatencyMs,
    DateTimeOffset CreatedAt)
{
    /// <summary>The reviewer code and peer snapshot it was written with ("evidence-4:1a2b3c4d5e6f"); empty for older reviews.</summary>
    public string ContextVersion { get; init; } = "";
}

/// <summary>
/// Every review ever written: the current one per tool and critic, the history, and the disputed
/// ones. Every review's text is stored as written and read back unchanged, so the words shown
/// beside a score always come from the code that computed the score.
/// </summary>
public sealed class ReviewStore(Db db, TimeProvider clock)
{
    private const string Columns =
        """
        r.id AS Id, r.tool_id AS ToolId, t.slug AS ToolSlug, r.critic_slug AS CriticSlug, r.critic_version AS CriticVersion, r.facts_hash AS FactsHash,
        r.reviewer AS Reviewer, r.model AS Model, r.prompt_version AS PromptVersion, r.score AS Score, r.verdict AS Verdict, r.as_of AS AsOf,
        r.summary AS Summary, r.body AS Body, r.cited_facts AS CitedFacts, r.criteria AS Criteria, r.status AS Status, r.is_current AS IsCurrent,
        r.evidence_score AS EvidenceScore, r.prompt_tokens AS PromptTokens, r.completion_tokens AS CompletionTokens, r.latency_ms AS LatencyMs,
        r.created_at AS CreatedAt, r.context_version AS ContextVersion
        """;

    private sealed class Row
    {
        public long Id { get; init; }
        public long ToolId { get; init; }
        public string ToolSlug { get; init; } = "";
        public string CriticSlug { get; init; } = "";
        public string CriticVersion { get; init; } = "";
        public string FactsHash { get; init; } = "";
        public string Reviewer { get; init; } = "";
        public string? Model { get; init; }
        public string? PromptVersion { get; init; }
        public int? Score { get; init; }
        public string Verdict { get; init; } = "";
        public string? AsOf { get; init; }
        public string? Summary { get; init; }
        public string? Body { get; init; }
        public string? CitedFacts { get; init; }
        public string? Criteria { get; init; }
        public string Status { get; init; } = "";
        public bool IsCurrent { get; init; }
        public int? EvidenceScore { get; init; }
        public int? PromptTokens { get; init; }
        public int? CompletionTokens { get; init; }
        public int? LatencyMs { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string ContextVersion { get; init; } = "";

        public StoredReview ToReview()
        {
            var cited = CitedFacts is null ? [] : JsonSerializer.Deserialize<List<CitedFact>>(CitedFacts, CatalogJson.Options) ?? [];
            var criteria = Criteria is null ? [] : DeserializeCriteria(Criteria, cited);
            return new(
                Id, ToolId, ToolSlug, CriticSlug, CriticVersion, FactsHash, Reviewer, Model, PromptVersion, Score, VerdictText.Parse(Verdict),
                Summary ?? "", Body ?? "", cited, criteria, Status, IsCurrent, EvidenceScore,
                PromptTokens, CompletionTokens, LatencyMs, CreatedAt)
            { ContextVersion = ContextVersion };
        }
    }

    // Criteria are stored with the paths of their facts only; the facts themselves are in cited_facts.
    // An empty list of facts is left out of the JSON, so it reads back as null.
    private sealed record StoredCriterion(string Key, string Label, double Weight, int? Score, double EvidenceWeight, IReadOnlyList<string>? Facts);

    public static string SerializeCitedFacts(PanelReview review) => JsonSerializer.Serialize(review.CitedFacts, CatalogJson.Options);

    public static string SerializeCriteria(PanelReview review) => JsonSerializer.Serialize(
        review.Criteria.Select(c => new StoredCriterion(c.Key, c.Label, c.Weight, c.Score, c.EvidenceWeight, [.. c.Facts.Select(f => f.Path)])),
        CatalogJson.Options);

    private static List<CriterionResult> DeserializeCriteria(string json, IReadOnlyList<CitedFact> cited)
    {
        var byPath = cited.DistinctBy(f => f.Path).ToDictionary(f => f.Path);
        return (JsonSerializer.Deserialize<List<StoredCriterion>>(json, CatalogJson.Options) ?? [])
            .Select(c => new CriterionResult(c.Key, c.Label, c.Weight, c.Score, c.EvidenceWeight, [.. (c.Facts ?? []).Where(byPath.ContainsKey).Select(p => byPath[p])]))
            .ToList();
    }

    /// <summary>Stores each critic file version in use, so history can say when a critic's file was revised.</summary>
    public async Task RecordCriticVersionsAsync(CriticCatalog critics, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO critic_versions (version, critic_slug, file_name, file_text, first_seen)
            VALUES (@Version, @Slug, @FileName, @Text, @Now)
            ON CONFLICT (version) DO NOTHING
            """,
            critics.All.Select(c => new { c.Version, c.Slug, critics.Files[c.Slug].FileName, critics.Files[c.Slug].Text, Now = clock.GetUtcNow() }),
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes reviews inside the caller's transaction. The caller holds the jobs' claims, and
    /// (job, generation, reviewer) is unique, so a job re-run after a crash never writes twice.
    /// </summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(ReviewJob Job, ReviewWrite Write)> writes, DateTimeOffset now)
    {
        if (writes.Count == 0)
        {
            return;
        }

        // One current review per tool and critic: if a batch holds two for the same pair, the last one wins and the others are history.
        var currentAt = new Dictionary<(long, string), int>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Write.Status == "published")
            {
                currentAt[(writes[i].Job.ToolId, writes[i].Job.CriticSlug)] = i;
            }
        }

        var isPostgres = connection is Npgsql.NpgsqlConnection;
        var demote = JsonSerializer.Serialize(currentAt.Keys.Select(k => new { tool_id = k.Item1, critic_slug = k.Item2 }));
        await connection.ExecuteAsync(
            isPostgres
                ? """
                  UPDATE reviews r SET is_current = FALSE FROM json_to_recordset(@demote::json) AS w(tool_id bigint, critic_slug text)
                  WHERE r.tool_id = w.tool_id AND r.critic_slug = w.critic_slug AND r.is_current
                  """
                : """
                  UPDATE reviews SET is_current = 0
                  WHERE is_current = 1 AND (tool_id, critic_slug) IN (SELECT value ->> 'tool_id', value ->> 'critic_slug' FROM json_each(@demote))
                  """,
            new { demote }, transaction);

        var rows = writes.Select((w, i) => new ReviewRow(w.Job, w.Write, currentAt.GetValueOrDefault((w.Job.ToolId, w.Job.CriticSlug), -1) == i, now)).ToList();

        // PostgreSQL: one statement and one JSON parameter per batch, not a round trip per row.
        // SQLite: one prepared statement run per row (measured 2.6x faster than json_each there).
        await InsertRowsAsync(connection, transaction, rows, isPostgres);
        await ToolPanelTotals.RefreshAsync(connection, transaction, currentAt.Keys.Select(k => k.Item1).Distinct().ToList(), now);
    }

    private static async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, List<ReviewRow> rows, bool isPostgres)
    {
        if (isPostgres)
        {
            await connection.ExecuteAsync(
                $"""
                INSERT INTO reviews ({ReviewRow.Columns})
                SELECT {ReviewRow.Columns} FROM json_to_recordset(@rows::json) AS w(
                    job_id bigint, generation int, tool_id bigint, critic_slug text, critic_version text, facts_hash text, reviewer text, model text,
                    prompt_version text, score int, verdict text, as_of text, summary text, body text, cited_facts text, criteria text, status text,
                    is_current boolean, evidence_score int, prompt_tokens int, completion_tokens int, latency_ms int, created_at timestamptz,
                    context_version text)
                """,
                new { rows = JsonSerializer.Serialize(rows, ReviewRow.Json) }, transaction);
            return;
        }

        string[] names = [.. ReviewRow.Columns.Split(", ").Select(c => "@" + c)];
        await using var statement = SqliteRowStatement.Prepare(
            connection, transaction, $"INSERT INTO reviews ({ReviewRow.Columns}) VALUES ({string.Join(", ", names)})", names);

        // The batch shares one timestamp, in the text SQLite stores.
        var createdAt = rows.Count == 0 ? "" : DateTimeOffsetHandler.SqliteText(rows[0].Now);
        foreach (var row in rows)
        {
            row.Run(statement, createdAt);
        }
    }

    /// <summary>One row of the reviews table, named as its columns, for both insert paths.</summary>
    private sealed record ReviewRow(
        [property: System.Text.Json.Serialization.JsonIgnore] ReviewJob Job,
        [property: System.Text.Json.Serialization.JsonIgnore] ReviewWrite Write,
        [property: System.Text.Json.Serialization.JsonIgnore] bool Current,
        [property: System.Text.Json.Serialization.JsonIgnore] DateTimeOffset Now)
    {
        public const string Columns =
            "job_id, generation, tool_id, critic_slug, critic_version, facts_hash, reviewer, model, prompt_version, score, verdict, as_of, " +
            "summary, body, cited_facts, criteria, status, is_current, evidence_score, prompt_tokens, completion_tokens, latency_ms, created_at, context_version";

        public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        /// <summary>Inserts this row through the SQLite statement, its values in the order of <see cref="Columns"/>.</summary>
        public void Run(SqliteRowStatement statement, string createdAt) => statement.Run(
            job_id, generation, tool_id, critic_slug, critic_version, facts_hash, reviewer, model, prompt_version, score, verdict, as_of,
            summary, body, cited_facts, criteria, status, is_current, evidence_score, prompt_tokens, completion_tokens, latency_ms, createdAt, context_version);

#pragma warning disable IDE1006 // Named as the columns they fill, so Dapper and json_to_recordset bind them by name.
        public long job_id => Job.Id;
        public int generation => Job.Generation;
        public long tool_id => Job.ToolId;
        public string critic_slug => Job.CriticSlug;
        public string critic_version => Write.CriticVersion;
        public string facts_hash => Job.FactsHash;
        public string reviewer => Write.Provenance.Reviewer;
        public string? model => Write.Provenance.Model;
        public string? prompt_version => Write.Provenance.PromptVersion;
        public int? score => Write.Score;
        public string verdict => Write.Verdict.ToWire();
        public string as_of => Write.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        public string? summary => Write.Text?.Summary;
        public string? body => Write.Text?.Body;
        public string? cited_facts => Write.CitedFactsJson;
        public string? criteria => Write.CriteriaJson;
        public string status => Write.Status;
        public bool is_current => Current;
        public int? evidence_score => Write.Provenance.EvidenceScore;
        public int? prompt_tokens => Write.Provenance.PromptTokens;
        public int? completion_tokens => Write.Provenance.CompletionTokens;
        public int? latency_ms => Write.Provenance.LatencyMs;
        public DateTimeOffset created_at => Now;
        public string context_version => Job.ContextVersion;
#pragma warning restore IDE1006
    }

    /// <summary>Whether the tool already shows a review from this critic for exactly these facts.</summary>
    public static Task<long> CountCurrentForFactsAsync(DbConnection connection, DbTransaction transaction, ReviewJob job) =>
        connection.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM reviews WHERE tool_id = @ToolId AND critic_slug = @CriticSlug AND is_current = {Db.True(connection)} AND facts_hash = @FactsHash",
            new { job.ToolId, job.CriticSlug, job.FactsHash }, transaction);

    public async Task<IReadOnlyList<StoredReview>> CurrentForToolAsync(long toolId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.tool_id = @toolId AND r.is_current = {Db.True(connection)}",
            new { toolId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToReview())];
    }

    /// <summary>The same, for a tool the caller has already loaded: its document is not read or parsed twice.</summary>
    public async Task<IReadOnlyList<StoredReview>> CurrentForToolAsync(Catalog.StoredTool tool, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.tool_id = @Id AND r.is_current = {Db.True(connection)}",
            new { tool.Id }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToReview())];
    }

    /// <summary>Current reviews with their text for a few tools the caller has loaded (a compare page), in one query.</summary>
    public async Task<ILookup<long, StoredReview>> CurrentForToolsWithTextAsync(IReadOnlyList<Catalog.StoredTool> tools, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE {db.InList("r.tool_id", "toolIds")} AND r.is_current = {Db.True(connection)}",
            new { toolIds = db.ListValue(tools.Select(t => t.Id).ToList()) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToReview()).ToLookup(r => r.ToolId);
    }

    /// <summary>Current verdicts of many tools in one query (list pages), keyed by tool; no review text.</summary>
    public async Task<ILookup<long, StoredReview>> CurrentForToolsAsync(IReadOnlyCollection<long> toolIds, CancellationToken cancellationToken = default)
    {
        if (toolIds.Count == 0)
        {
            return Array.Empty<StoredReview>().ToLookup(r => r.ToolId);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE {db.InList("r.tool_id", "toolIds")} AND r.is_current = {Db.True(connection)}",
            new { toolIds = db.ListValue(toolIds) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToReview()).ToLookup(r => r.ToolId);
    }

    /// <summary>Every published review of a tool, oldest first: how each critic's score moved over time.</summary>
    /// <summary>
    /// Tools a critic reviewed again (not for the first time) since <paramref name="since"/>, newest first: what the home
    /// page explains under "what changed". Reads only the newest reviews by id and looks each one's predecessor up by index.
    /// </summary>
    public async Task<IReadOnlyList<long>> ReReviewedToolIdsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ToolId, DateTimeOffset CreatedAt)>(new CommandDefinition(
            """
            SELECT r.tool_id, r.created_at FROM (SELECT id, tool_id, critic_slug, created_at FROM reviews WHERE status = 'published' ORDER BY id DESC LIMIT 5000) r
            WHERE EXISTS (SELECT 1 FROM reviews p WHERE p.tool_id = r.tool_id AND p.critic_slug = r.critic_slug AND p.id < r.id AND p.status = 'published')
            ORDER BY r.id DESC
            """,
            cancellationToken: cancellationToken));
        return [.. rows.Where(r => r.CreatedAt >= since).Select(r => r.ToolId).Distinct().Take(limit)];
    }

    public async Task<IReadOnlyList<StoredReview>> HistoryForToolAsync(long toolId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.tool_id = @toolId AND r.status = 'published' ORDER BY r.critic_slug, r.created_at, r.id",
            new { toolId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToReview())];
    }

    /// <summary>The same history without review text: enough to say how verdicts moved, at a fraction of the cost.</summary>
    public async Task<IReadOnlyList<StoredReview>> HistoryVerdictsForToolAsync(long toolId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.tool_id = @toolId AND r.status = 'published' ORDER BY r.critic_slug, r.created_at, r.id",
            new { toolId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToReview()).ToList();
    }

    /// <summary>A critic's current verdicts, without review text (critic pages count and group them).</summary>
    public async Task<IReadOnlyList<StoredReview>> CurrentForCriticAsync(string criticSlug, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.critic_slug = @criticSlug AND r.is_current = {Db.True(connection)} ORDER BY t.slug",
            new { criticSlug }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToReview()).ToList();
    }

    public async Task<IReadOnlyList<StoredReview>> DisputedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.status = 'disputed' ORDER BY r.id",
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToReview())];
    }

    /// <summary>An operator's decision on a disputed review: approve publishes it in place of the evidence review; reject keeps it out.</summary>
    public async Task<StoredReview> DecideAsync(long reviewId, bool approve, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.id = @reviewId",
            new { reviewId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            throw new KeyNotFoundException($"There is no review {reviewId}. List the disputed ones with `shipwise review --disputed`.");
        }

        if (row.Status != "disputed")
        {
            throw new InvalidOperationException($"Review {reviewId} is {row.Status}, not disputed; only disputed reviews can be approved or rejected.");
        }

        if (approve)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE reviews SET is_current = @no WHERE tool_id = @ToolId AND critic_slug = @CriticSlug AND is_current = {Db.True(connection)}",
                new { row.ToolId, row.CriticSlug, no = false }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reviews SET status = @status, is_current = @current WHERE id = @reviewId",
            new { status = approve ? "published" : "rejected", current = approve, reviewId }, transaction, cancellationToken: cancellationToken));
        if (approve)
        {
            await ToolPanelTotals.RefreshAsync(connection, transaction, [row.ToolId], clock.GetUtcNow());
        }

        await transaction.CommitAsync(cancellationToken);
        return row.ToReview() with { Status = approve ? "published" : "rejected", IsCurrent = approve };
    }

}
