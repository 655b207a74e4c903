using System.Collections.Concurrent;
using Dapper;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Peers;
using Shipwise.Data;

namespace Shipwise.Panel;

/// <summary>
/// The peer snapshot of every category, built from the summaries kept beside each tool, and
/// kept by version in <c>peer_snapshots</c> once a review uses it. A review job's context is
/// the reviewer's code version and its category's snapshot version, so a new peer, a price
/// change among peers, or a new reviewer re-reviews exactly the tools it can affect.
/// </summary>
public sealed class PeerSnapshots(Db db, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, PeerSnapshot> _byVersion = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _building = new(1, 1);
    private (string Stamp, IReadOnlyDictionary<string, PeerSnapshot> Snapshots)? _current;

    /// <summary>"evidence-4:1a2b3c4d5e6f": what a job's key records about everything besides the tool and the critic.</summary>
    public static string ContextOf(PeerSnapshot snapshot) => $"{EvidenceReviewer.CodeVersion}:{snapshot.Version}";

    public static string CodeVersionOf(string context) =>
        context.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? context[..colon] : context;

    public static string PeersVersionOf(string context) => context[(context.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>Each category's snapshot as the catalog stands now (rebuilt only when the catalog changed).</summary>
    public async Task<IReadOnlyDictionary<string, PeerSnapshot>> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var stamp = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            db.IsPostgres
                ? "SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM tools"
                : "SELECT count(*) || '/' || coalesce(max(updated_at), '') FROM tools",
            cancellationToken: cancellationToken)) ?? "";
        if (_current is { } cached && cached.Stamp == stamp)
        {
            return cached.Snapshots;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.Stamp == stamp)
            {
                return again.Snapshots;
            }

            // A 100,000-tool catalog holds 100,000 summaries: read and group them on every core.
            var summaries = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT peer_summary FROM tools WHERE peer_summary <> '' ORDER BY slug", cancellationToken: cancellationToken)))
                .AsParallel().AsOrdered()
                .Select(PeerSummary.Deserialize)
                .ToList();
            var snapshots = summaries.Select(s => s.Category).Distinct(StringComparer.Ordinal).ToList()
                .AsParallel()
                .Select(c => PeerSnapshot.Build(c, summaries))
                .ToDictionary(s => s.Category, StringComparer.Ordinal);
            foreach (var snapshot in snapshots.Values)
            {
                _byVersion.TryAdd(snapshot.Version, snapshot);
            }

            _current = (stamp, snapshots);
            return snapshots;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Keeps the snapshots reviews are about to use, so a review can always be traced to its peers.</summary>
    public async Task SaveAsync(IEnumerable<PeerSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var list = snapshots.ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        var known = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT version FROM peer_snapshots WHERE {db.InList("version", "versions")}",
            new { versions = db.ListValue(list.Select(s => s.Version).ToList()) }, cancellationToken: cancellationToken))).ToHashSet();
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO peer_snapshots (version, category, document, created_at) VALUES (@Version, @Category, @Document, @now) ON CONFLICT (version) DO NOTHING",
            list.Where(s => !known.Contains(s.Version)).AsParallel().AsOrdered().Select(s => new { s.Version, s.Category, Document = s.ToJson(), now }).ToList(),
            cancellationToken: cancellationToken));
    }

    /// <summary>A snapshot by version: from memory, or from the table (a review written by another node).</summary>
    public async Task<PeerSnapshot?> ByVersionAsync(string version, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue(version, out var snapshot))
        {
            return snapshot;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var document = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document FROM peer_snapshots WHERE version = @version", new { version }, cancellationToken: cancellationToken));
        if (document is null)
        {
            return null;
        }

        snapshot = PeerSnapshot.FromJson(document);
        _byVersion.TryAdd(version, snapshot);
        return snapshot;
    }
}
