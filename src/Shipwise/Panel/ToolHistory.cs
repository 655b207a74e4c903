using System.Text.Json;
using Dapper;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Data;

namespace Shipwise.Panel;

/// <summary>One move in a critic's view of a tool: "Founder went Skip 48 → Ship 67 on 3 May 2026, after the price drop".</summary>
public sealed record HistoryEntry(string CriticSlug, string CriticName, Verdict FromVerdict, int? FromScore, Verdict ToVerdict, int? ToScore, DateTimeOffset At, string Why);

/// <summary>
/// Explains how each critic's verdict on a tool moved and why: a changed fact (read from the
/// tool's stored revisions), a revised critic file, a change among its peers ("when Qwen3-VL
/// arrived", read from the two peer snapshots), a new version of the reviewer's arithmetic, or
/// a different reviewer.
/// </summary>
public sealed class ToolHistory(Db db, ReviewStore reviews, CriticCatalog critics, PeerSnapshots peers)
{
    public async Task<IReadOnlyList<HistoryEntry>> ForAsync(StoredTool tool, CancellationToken cancellationToken = default)
    {
        var history = await reviews.HistoryVerdictsForToolAsync(tool.Id, cancellationToken);
        if (history.Count <= critics.All.Count)
        {
            // One review per critic at most: nothing has moved yet, and no revision needs reading.
            var perCritic = history.GroupBy(r => r.CriticSlug).All(g => g.Count() == 1);
            if (perCritic)
            {
                return [];
            }
        }

        var documents = await RevisionsAsync(tool, cancellationToken);
        var sources = await SourceChangesAsync(tool, cancellationToken);
        var entries = new List<HistoryEntry>();
        foreach (var group in history.GroupBy(r => r.CriticSlug))
        {
            var ordered = group.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (before, after) = (ordered[i - 1], ordered[i]);
                if (before.Verdict == after.Verdict && before.Score == after.Score)
                {
                    continue;
                }

                var why = Why(before, after, documents, sources) ?? await PeersWhyAsync(before, after, cancellationToken);
                entries.Add(new HistoryEntry(
                    after.CriticSlug, critics.Find(after.CriticSlug)?.Name ?? after.CriticSlug,
                    before.Verdict, before.Score, after.Verdict, after.Score, after.CreatedAt, why));
            }
        }

        return entries.OrderByDescending(e => e.At).ThenBy(e => critics.Find(e.CriticSlug)?.Order ?? int.MaxValue).ToList();
    }

    /// <summary>The reason when the facts and the critic are unchanged; null means "look at the peers".</summary>
    private static string? Why(StoredReview before, StoredReview after, IReadOnlyDictionary<string, Tool> documents, ILookup<string, (string After, string Label, DateOnly AsOf)> sources)
    {
        if (before.FactsHash != after.FactsHash)
        {
            if (documents.TryGetValue(before.FactsHash, out var old) && documents.TryGetValue(after.FactsHash, out var current))
            {
                var changes = FactChanges.Between(old, current);
                if (changes.Count > 0)
                {
                    return FactChanges.Describe(changes) + SourceOf(changes, sources);
                }
            }

            return "after the catalog entry was updated";
        }

        if (before.CriticVersion != after.CriticVersion)
        {
            return "after the critic's criteria were revised";
        }

        if (before.Reviewer != after.Reviewer)
        {
            return after.Reviewer == "llm" ? "when the language-model reviewer took over" : "when the evidence reviewer took over";
        }

        return before.ContextVersion != after.ContextVersion && before.ContextVersion.Length > 0 ? null : "on a fresh review";
    }

    /// <summary>"when Qwen3-VL arrived", "when GPT-4o left the catalog", "when Gemini 2.5 Flash's facts changed", or a reviewer upgrade.</summary>
    private async Task<string> PeersWhyAsync(StoredReview before, StoredReview after, CancellationToken cancellationToken)
    {
        if (PeerSnapshots.CodeVersionOf(before.ContextVersion) != PeerSnapshots.CodeVersionOf(after.ContextVersion))
        {
            return "when the panel's arithmetic was upgraded";
        }

        var old = await peers.ByVersionAsync(PeerSnapshots.PeersVersionOf(before.ContextVersion), cancellationToken);
        var current = await peers.ByVersionAsync(PeerSnapshots.PeersVersionOf(after.ContextVersion), cancellationToken);
        if (old is null || current is null)
        {
            return "when its peers changed";
        }

        var (arrived, left, changed) = current.Since(old);
        var parts = new List<string>();
        if (arrived.Count > 0)
        {
            parts.Add($"{FactFormat.List(arrived.Take(3))} arrived");
        }

        if (left.Count > 0)
        {
            parts.Add($"{FactFormat.List(left.Take(3))} left the running");
        }

        if (changed.Count > 0 && parts.Count == 0)
        {
            parts.Add(changed.Count == 1 ? $"{changed[0]}'s facts changed" : $"the facts of {FactFormat.List(changed.Take(3))} changed");
        }

        return parts.Count == 0 ? "when its peers changed" : $"when {string.Join(" and ", parts)}";
    }

    /// <summary>
    /// " (OpenRouter, 1 Dec 2026)" when every real change came from one catalog source's run
    /// (source_changes); empty for changes made by editing the catalog.
    /// </summary>
    private static string SourceOf(IReadOnlyList<FactChange> changes, ILookup<string, (string After, string Label, DateOnly AsOf)> sources)
    {
        var real = changes.Where(c => !c.SourceOnly).ToList();
        // The row that wrote this value, else the fact's latest change by a source.
        var found = real.Select(c => sources[c.Fact].Where(r => r.After == c.After).DefaultIfEmpty(sources[c.Fact].FirstOrDefault()).First()).ToList();
        if (real.Count == 0 || found.Any(f => f.Label is null) || found.Select(f => f.Label).Distinct().Count() != 1)
        {
            return "";
        }

        return $" ({found[0].Label}, {FactFormat.Date(found.Max(f => f.AsOf))})";
    }

    private async Task<ILookup<string, (string After, string Label, DateOnly AsOf)>> SourceChangesAsync(StoredTool tool, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Fact, string AfterText, string SourceLabel, string AsOf)>(new CommandDefinition(
            "SELECT fact, after_text, source_label, as_of FROM source_changes WHERE tool_id = @Id ORDER BY id DESC",
            new { tool.Id }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.Fact, r => (r.AfterText, r.SourceLabel, DateOnly.ParseExact(r.AsOf, "yyyy-MM-dd")));
    }

    private async Task<IReadOnlyDictionary<string, Tool>> RevisionsAsync(StoredTool tool, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Fingerprint, string Document)>(new CommandDefinition(
            "SELECT fingerprint, document FROM tool_revisions WHERE tool_id = @Id ORDER BY replaced_at",
            new { tool.Id }, cancellationToken: cancellationToken));
        var documents = new Dictionary<string, Tool>(StringComparer.Ordinal) { [tool.Fingerprint] = tool.Tool };
        foreach (var (fingerprint, document) in rows)
        {
            documents.TryAdd(fingerprint, JsonSerializer.Deserialize<Tool>(document, CatalogJson.Options)!);
        }

        return documents;
    }
}
