using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shipwise.Telemetry;

/// <summary>
/// Every metric and trace source Shipwise itself writes, in one place (the framework's own, such as
/// http.server.request.duration, come from the OpenTelemetry instrumentations). Features call the
/// methods here; names follow the OpenTelemetry conventions and reach Prometheus as e.g.
/// shipwise_page_cache_requests_total.
/// </summary>
public sealed class ShipwiseMetrics
{
    public const string MeterName = "Shipwise";

    /// <summary>Spans for work that is not an HTTP request: review jobs, mail, the digest.</summary>
    public static readonly ActivitySource Traces = new(MeterName);

    private readonly Counter<long> _pageCache;
    private readonly Counter<long> _jobsQueued;
    private readonly UpDownCounter<long> _jobsRunning;
    private readonly Counter<long> _jobsFinished;
    private readonly Counter<long> _llmTokens;
    private readonly Histogram<double> _llmDuration;
    private readonly Counter<long> _votes;
    private readonly Counter<long> _mailSent;
    private readonly Counter<long> _mailFailed;
    private readonly Histogram<double> _searchDuration;

    public ShipwiseMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);

        // The queue depth is read from the database, so it exists only in hosts that have one
        // (not in the hosts some tests build with just the LLM reviewer or the mail sender).
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(Data.Db)) == true)
        {
            var queue = new Lazy<ReviewQueueDepth>(services.GetRequiredService<ReviewQueueDepth>);
            meter.CreateObservableGauge(
                "shipwise.review_jobs.depth",
                () => queue.Value.Current().Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key))),
                "{job}",
                "Review work in the database across all nodes, by status: queued, running, failed (jobs) and disputed (reviews waiting for an operator).");
        }

        _pageCache = meter.CreateCounter<long>("shipwise.page_cache.requests", "{request}", "Cacheable page requests, by result: hit (served from the page cache) or miss (rendered).");
        _jobsQueued = meter.CreateCounter<long>("shipwise.review_jobs.queued", "{job}", "Review jobs queued (new or changed tools, critics or models).");
        _jobsRunning = meter.CreateUpDownCounter<long>("shipwise.review_jobs.running", "{job}", "Review jobs this node is running now.");
        _jobsFinished = meter.CreateCounter<long>("shipwise.review_jobs.finished", "{job}", "Review jobs finished, by outcome: published, disputed, failed or stale.");
        _llmTokens = meter.CreateCounter<long>("shipwise.llm.tokens", "{token}", "Tokens the LLM reviewer used, by type (input, output) and model.");
        _llmDuration = meter.CreateHistogram<double>("shipwise.llm.review.duration", "s", "Time an LLM review took, retries included, by model and outcome.");
        _votes = meter.CreateCounter<long>("shipwise.votes.written", "{vote}", "Community writes stored, by kind: vote, pick, helpful.");
        _mailSent = meter.CreateCounter<long>("shipwise.mail.sent", "{message}", "Messages the SMTP server accepted.");
        _mailFailed = meter.CreateCounter<long>("shipwise.mail.failed", "{message}", "Messages given up on after every attempt, by kind: transient or permanent.");
        _searchDuration = meter.CreateHistogram<double>("shipwise.search.duration", "s", "Time a catalog search took.");
    }

    public void PageCache(bool hit) => _pageCache.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void ReviewJobsQueued(int count)
    {
        if (count > 0)
        {
            _jobsQueued.Add(count);
        }
    }

    public void ReviewJobStarted() => _jobsRunning.Add(1);

    public void ReviewJobStopped() => _jobsRunning.Add(-1);

    /// <param name="outcome">published, disputed, failed or stale.</param>
    public void ReviewJobFinished(string outcome) => _jobsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void LlmReview(string model, long inputTokens, long outputTokens, TimeSpan duration, bool succeeded)
    {
        var byModel = new KeyValuePair<string, object?>("model", model);
        _llmTokens.Add(inputTokens, byModel, new("type", "input"));
        _llmTokens.Add(outputTokens, byModel, new("type", "output"));
        _llmDuration.Record(duration.TotalSeconds, byModel, new("outcome", succeeded ? "ok" : "failed"));
    }

    /// <param name="kind">vote, pick or helpful.</param>
    public void VoteWritten(string kind) => _votes.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MailSent() => _mailSent.Add(1);

    public void MailFailed(bool transient) => _mailFailed.Add(1, new KeyValuePair<string, object?>("kind", transient ? "transient" : "permanent"));

    public void Search(TimeSpan duration) => _searchDuration.Record(duration.TotalSeconds);
}

public static class TelemetryRegistration
{
    /// <summary>The one Meter (<see cref="ShipwiseMetrics"/>) for the CLI and the web host alike; a no-op until something listens. Idempotent.</summary>
    public static IHostApplicationBuilder AddMetricsSource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<ReviewQueueDepth>();
        builder.Services.TryAddSingleton<ShipwiseMetrics>();
        return builder;
    }
}
