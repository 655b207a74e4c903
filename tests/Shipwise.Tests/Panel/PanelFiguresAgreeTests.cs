using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Data;
using Shipwise.Digest;
using Shipwise.Panel;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Panel;

/// <summary>
/// One tool's panel figures read from every surface that shows them (tool page, JSON API, list, compare,
/// category page, badge, embed, feed, digest) agree, on figures whose rounding is easy to get wrong:
/// 2 of 3 is 66.67 % (67, badge 6.7, not 66 by truncation), and a mean of 65.25 (65.3, not banker's 65.2).
/// Some surfaces read reviews and some read the tool's stored panel columns, so a second computation
/// anywhere shows up here as a disagreement.
/// </summary>
public abstract class PanelFiguresAgreeTests(AppFixture app)
{
    private static readonly string[] PanelOrder = ["builder", "skeptic", "futurist", "founder", "creator", "operator", "counsel"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string[], int?[], int, int, string, string> Cases => new()
    {
        // slug, verdicts in panel order, scores, ship %, ships, badge, mean
        { "gpt-4o", ["ship", "ship", "skip", "no-take", "no-take", "no-take", "no-take"], [80, 71, 34, null, null, null, null], 67, 2, "6.7", "61.7" },
        { "gpt-4o-mini", ["ship", "ship", "ship", "skip", "no-take", "no-take", "no-take"], [80, 81, 70, 30, null, null, null], 75, 3, "7.5", "65.3" },
    };

    private async Task SetPanelAsync(string slug, string[] verdicts, int?[] scores)
    {
        var db = app.Factory.Services.GetRequiredService<Db>();
        app.Factory.Clock.Advance(TimeSpan.FromHours(1));
        await using var connection = await db.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        var id = await connection.ExecuteScalarAsync<long>("SELECT id FROM tools WHERE slug = @slug", new { slug }, transaction);

        // First no verdict, then the one under test: the second is then always a change, so the feed and digest list it.
        string[] none = [.. verdicts.Select(_ => "no-take")];
        foreach (var (takes, points) in new[] { (none, new int?[verdicts.Length]), (verdicts, scores) })
        {
            for (var i = 0; i < PanelOrder.Length; i++)
            {
                var changed = await connection.ExecuteAsync(
                    $"UPDATE reviews SET verdict = @verdict, score = @score WHERE tool_id = @id AND critic_slug = @critic AND is_current = {Db.True(connection)}",
                    new { verdict = takes[i], score = points[i], id, critic = PanelOrder[i] }, transaction);
                Assert.Equal(1, changed);
            }

            // What every review write does in its transaction: keep the tool's stored panel columns in step.
            await ToolPanelTotals.RefreshAsync(connection, transaction, [id], app.Factory.Clock.GetUtcNow());
        }

        await transaction.CommitAsync(Token);

        // Drops cached pages, as the site's change watcher does within a few seconds.
        Assert.True(await app.Factory.Services.GetRequiredService<Shipwise.Site.SiteChanges>().CheckAsync(Token));
    }

    private async Task<string> TextAsync(string path)
    {
        var response = await app.Client.GetAsync(path, Token);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently)
        {
            response = await app.Client.GetAsync(response.Headers.Location!, Token);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Token);
    }

    private async Task<JsonElement> JsonAsync(string path) => JsonDocument.Parse(await TextAsync(path)).RootElement;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_surface_shows_the_same_figures(string slug, string[] verdicts, int?[] scores, int percent, int ships, string badge, string mean)
    {
        await SetPanelAsync(slug, verdicts, scores);
        var skips = verdicts.Count(v => v == "skip");

        var tool = await JsonAsync($"/api/tools/{slug}");
        var name = tool.GetProperty("name").GetString()!;
        var panel = tool.GetProperty("panel");
        Assert.Equal(percent, panel.GetProperty("shipPercent").GetInt32());
        Assert.Equal(badge, panel.GetProperty("badgeScore").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(mean, panel.GetProperty("meanScore").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ship", panel.GetProperty("verdict").GetString());
        Assert.Equal((ships, skips), (panel.GetProperty("ships").GetInt32(), panel.GetProperty("skips").GetInt32()));

        // The same object, field for field, in the list and on both compare sides.
        var listed = (await JsonAsync("/api/tools?pageSize=100")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == slug);
        Assert.Equal(panel.GetRawText(), listed.GetProperty("panel").GetRawText());
        var other = slug == "gpt-4o" ? "gpt-4o-mini" : "gpt-4o";
        var compare = await JsonAsync($"/api/compare/{slug}/{other}");
        var side = new[] { compare.GetProperty("left"), compare.GetProperty("right") }.Single(s => s.GetProperty("slug").GetString() == slug);
        Assert.Equal(panel.GetRawText(), side.GetProperty("panel").GetRawText());

        // Pages that read reviews, and pages, images and feeds that read the stored columns.
        var page = await TextAsync($"/tools/{slug}");
        Assert.Contains($"<strong class=\"headline-figure\">{percent}%</strong>", page, StringComparison.Ordinal);
        Assert.Contains($"Shipwise verdict for {name}: Ship {badge}/10", page, StringComparison.Ordinal);
        Assert.Contains($"<title>Shipwise: Ship {badge}/10</title>", await TextAsync($"/badge/{slug}.svg"), StringComparison.Ordinal);
        Assert.Contains($"<strong>{percent}%</strong>", await TextAsync($"/embed/{slug}"), StringComparison.Ordinal);
        Assert.Contains($"{percent}% ship · mean {mean}", await TextAsync("/categories/language-models"), StringComparison.Ordinal);
        Assert.Contains($"Ship ({percent} % ship, {ships} ship / {skips} skip)", await TextAsync("/feed.atom"), StringComparison.Ordinal);

        var now = app.Factory.Clock.GetUtcNow();
        var digest = await app.Factory.Services.GetRequiredService<DigestComposer>().ComposeAsync(now.AddMinutes(-1), now.AddMinutes(1), Token);
        var item = Assert.Single(digest.Items, i => i.Slug == slug);
        Assert.Equal(percent, item.ShipPercent);
        Assert.Contains(
            $"Ship, {percent} % ship ({ships} ship / {skips} skip)",
            DigestMail.Text(digest, new DigestLinks("https://shipwise.test", "https://shipwise.test/subscribe", "https://shipwise.test/unsubscribe")),
            StringComparison.Ordinal);
    }
}

public sealed class SqlitePanelFiguresAgreeTests(SqliteApp app) : PanelFiguresAgreeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPanelFiguresAgreeTests(PostgresApp app) : PanelFiguresAgreeTests(app), IClassFixture<PostgresApp>;
