using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Shipwise.Catalog;

namespace Shipwise.Panel;

/// <summary>
/// Reviews in the background while the site serves. The jobs table is the source of truth;
/// a catalog change here wakes the worker at once, and a poll picks up work other nodes queued
/// and catalog changes any process made (the durable <see cref="CatalogStamp"/>).
/// </summary>
public sealed class ReviewWorker(
    PanelScheduler scheduler, PanelProcessor processor, CatalogChangeNotifier catalogChanges, CatalogStamp stamp,
    IOptions<PanelOptions> options, TimeProvider clock, ILogger<ReviewWorker> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile bool _catalogChanged = true;
    private long? _seenStamp;
    private DateOnly? _sweptOn;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReviewInBackground)
        {
            return;
        }

        catalogChanges.Changed += OnCatalogChanged;
        var node = PanelProcessor.NewNodeName();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Read before queueing: a change that lands meanwhile moves the stamp again and is queued next time.
                    var current = await stamp.ReadAsync(stoppingToken);
                    if (current != _seenStamp)
                    {
                        _seenStamp = current;
                        _catalogChanged = true;
                    }

                    // Once a day: a shutdown date that passed retires a hosted tool with no catalog change to say so.
                    var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                    if (_sweptOn != today)
                    {
                        _sweptOn = today;
                        if (await scheduler.RequeuePassedShutdownsAsync(stoppingToken) is { Count: > 0 } retired)
                        {
                            logger.LogInformation("Queued reviews of {Count} tools whose shutdown date has passed", retired.Count);
                        }
                    }

                    if (_catalogChanged)
                    {
                        _catalogChanged = false;
                        var queued = await scheduler.EnqueueAsync(null, force: false, reviewer: null, stoppingToken);
                        if (queued > 0)
                        {
                            logger.LogInformation("Queued {Count} reviews", queued);
                        }
                    }

                    if (await processor.DrainAsync(node, null, null, stoppingToken) > 0)
                    {
                        continue;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The review worker hit an error; it will try again");
                }

                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(TimeSpan.FromSeconds(options.Value.PollSeconds));
                try
                {
                    await _wake.Reader.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Poll interval elapsed: look for work queued by other nodes.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            catalogChanges.Changed -= OnCatalogChanged;
        }
    }

    private void OnCatalogChanged()
    {
        _catalogChanged = true;
        _wake.Writer.TryWrite(true);
    }
}
