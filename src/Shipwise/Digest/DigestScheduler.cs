using Microsoft.Extensions.Options;
using Shipwise.Mail;

namespace Shipwise.Digest;

/// <summary>
/// Sends the weekly digest from `serve` when Digest:Schedule:Enabled is on: once the week's
/// slot (Digest:Schedule:DayOfWeek at Digest:Schedule:Hour UTC) has passed, any node creates
/// the week's digest (the unique week keeps it to one) and every node helps send it through
/// the same claimed deliveries, so none is mailed twice. A node that starts after the slot
/// catches up; a slot missed for the whole week is not sent late (the next digest covers it).
/// </summary>
public sealed class DigestScheduler(
    IServiceProvider services, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestScheduler> logger) : BackgroundService
{
    /// <summary>The start of the slot in the ISO week that contains <paramref name="now"/>.</summary>
    public static DateTimeOffset SlotOf(DateTimeOffset now, DayOfWeek day, int hour)
    {
        var date = now.UtcDateTime.Date;
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        var offset = ((int)day + 6) % 7;
        return new DateTimeOffset(monday.AddDays(offset).AddHours(hour), TimeSpan.Zero);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Schedule;
        if (!schedule.Enabled)
        {
            return;
        }

        var mail = services.GetRequiredService<MailSender>();
        if (!mail.IsConfigured)
        {
            logger.LogWarning("Digest:Schedule:Enabled is on but mail is not configured (Smtp:Host); no digest will be sent");
            return;
        }

        var sender = services.GetRequiredService<DigestSender>();
        var store = services.GetRequiredService<DigestStore>();
        var node = Panel.PanelProcessor.NewNodeName();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var now = clock.GetUtcNow();
                    if (now >= SlotOf(now, schedule.Day!.Value, schedule.Hour))
                    {
                        var existing = await store.FindAsync(DigestContent.WeekOf(now), stoppingToken);
                        if (existing?.CompletedAt is null)
                        {
                            var run = await sender.SendAsync(node, scheduled: true, progress: null, stoppingToken);
                            if (run.SentNow > 0 || run.Failures.Count > 0)
                            {
                                logger.LogInformation("Digest {Week}: {Sent} mailed by this node, {Open} still open, {Failed} failed",
                                    run.Week, run.SentNow, run.Counts.Open, run.Counts.Failed + run.Counts.Rejected);
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The digest schedule hit an error; it will try again");
                }

                await Task.Delay(TimeSpan.FromSeconds(schedule.CheckSeconds), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
