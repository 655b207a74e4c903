using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Shipwise.Data;
using Shipwise.Security;
using Shipwise.Site;

namespace Shipwise.Compare;

/// <summary>
/// Counts compare-page views for the home page's most-compared pairs. Views are counted in
/// memory (a cached page costs no write) and added to the database in one batch every few
/// seconds; a crash loses at most that window, which is acceptable for a popularity figure.
/// A client counts once per pair per day (UTC), so a script cannot push a pair to the top: the
/// node remembers a 64-bit keyed hash of (client address, pair) under a salt made at random each
/// day and kept only in memory, never the address itself; at most <see cref="MaxViewersPerDay"/>
/// such entries a day (about 8 MB), after which further views that day are not counted. Each node
/// keeps its own memory, so with several nodes a client may count once per node.
/// </summary>
public sealed class CompareViews(Db db, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, TimeProvider clock, ILogger<CompareViews> logger) : IMostComparedPairs
{
    public const int HomeListLength = 8;

    public const int MaxViewersPerDay = 250_000;

    private readonly Lock _seenGate = new();
    private DateOnly _day;
    private byte[] _salt = [];
    private HashSet<ulong> _seen = [];

    private string _lastTop = "";

    private ConcurrentDictionary<(string, string), long> _pending = new();

    /// <summary>
    /// Counts every compare page served, from the cache or freshly rendered; runs in front of the output cache.
    /// Counted as the answer starts, so the view is recorded before the client has the page.
    /// </summary>
    public static Task CountServedAsync(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/compare", out var rest) && rest.Value is { Length: > 1 } pair
            && Core.Compare.ComparePair.TryParse(pair[1..], out var left, out var right))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.RequestServices.GetRequiredService<CompareViews>().Count(left, right, ClientAddress.Of(context));
                }

                return Task.CompletedTask;
            });
        }

        return next();
    }

    /// <summary>Counts the view unless this client already counted for the pair today; true when it counted.</summary>
    public bool Count(string leftSlug, string rightSlug, string client)
    {
        // Both orders of the address are one pair, counted (and stored) in canonical order.
        (leftSlug, rightSlug) = Core.Compare.ComparePair.Canonical(leftSlug, rightSlug);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        lock (_seenGate)
        {
            if (today != _day)
            {
                _day = today;
                _salt = RandomNumberGenerator.GetBytes(32);
                _seen = [];
            }

            if (_seen.Count >= MaxViewersPerDay || !_seen.Add(Viewer(client, leftSlug, rightSlug)))
            {
                return false;
            }
        }

        _pending.AddOrUpdate((leftSlug, rightSlug), 1, (_, n) => n + 1);
        return true;
    }

    private ulong Viewer(string client, string leftSlug, string rightSlug) =>
        BinaryPrimitives.ReadUInt64LittleEndian(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes($"{client}\n{leftSlug}\n{rightSlug}")));

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(string, string), long>());
        if (batch.IsEmpty)
        {
            return;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var ((left, right), views) in batch)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO compare_views (left_id, right_id, views)
                SELECT l.id, r.id, @views FROM tools l, tools r WHERE l.slug = @left AND r.slug = @right
                ON CONFLICT (left_id, right_id) DO UPDATE SET views = compare_views.views + excluded.views
                """,
                new { left, right, views }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Recorded {Pairs} compared pairs", batch.Count);

        // The home page lists the most-compared pairs: drop cached pages only when that list changed, not on every view.
        var top = string.Join("|", (await MostComparedAsync(HomeListLength, cancellationToken)).Select(p => $"{p.LeftSlug}/{p.RightSlug}"));
        if (top != _lastTop)
        {
            _lastTop = top;
            await cache.EvictByTagAsync(Site.SiteChanges.PagesTag, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ComparedPair>> MostComparedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ComparedPair>(new CommandDefinition(
            """
            SELECT l.slug AS LeftSlug, l.name AS LeftName, r.slug AS RightSlug, r.name AS RightName, v.views AS Views
            FROM compare_views v JOIN tools l ON l.id = v.left_id JOIN tools r ON r.id = v.right_id
            ORDER BY v.views DESC, l.slug, r.slug LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}

/// <summary>Writes counted views every few seconds, and once more at shutdown.</summary>
public sealed class CompareViewFlusher(CompareViews views, ILogger<CompareViewFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Wall-clock pacing of a write batch, not domain time.
                await Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System, stoppingToken);
                await FlushQuietlyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushQuietlyAsync(CancellationToken.None);
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await views.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record compare-page views");
        }
    }
}
