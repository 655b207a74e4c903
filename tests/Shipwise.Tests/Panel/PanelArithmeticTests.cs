using Shipwise.Core.Panel;

namespace Shipwise.Tests.Panel;

public class PanelArithmeticTests
{
    private const int Runs = 2000;

    private static List<(Verdict, int?)> Takes(int ships, int skips, int noTakes = 0) =>
        [
            .. Enumerable.Repeat<(Verdict, int?)>((Verdict.Ship, 80), ships),
            .. Enumerable.Repeat<(Verdict, int?)>((Verdict.Skip, 40), skips),
            .. Enumerable.Repeat<(Verdict, int?)>((Verdict.NoTake, null), noTakes),
        ];

    private static List<(Verdict, int?)> RandomTakes(Random rng)
    {
        var count = rng.Next(0, 12);
        return [.. Enumerable.Range(0, count).Select(_ => rng.Next(3) switch
        {
            0 => (Verdict.Ship, (int?)rng.Next(0, 101)),
            1 => (Verdict.Skip, (int?)rng.Next(0, 101)),
            _ => (Verdict.NoTake, (int?)null),
        })];
    }

    [Fact]
    public void Three_ships_one_skip_is_75_percent_ship_badge_7_5()
    {
        var summary = PanelArithmetic.Summarize(Takes(3, 1));
        Assert.Equal(75, summary.ShipPercent);
        Assert.Equal(Verdict.Ship, summary.Verdict);
        Assert.Equal(7.5m, summary.BadgeScore);
        Assert.Equal((3, 1, 0), (summary.Ships, summary.Skips, summary.NoTakes));
    }

    [Fact]
    public void Two_ships_two_skips_is_a_skip() =>
        Assert.Equal(Verdict.Skip, PanelArithmetic.Summarize(Takes(2, 2)).Verdict);

    [Fact]
    public void Four_ships_is_100_percent()
    {
        var summary = PanelArithmetic.Summarize(Takes(4, 0, 3));
        Assert.Equal(100, summary.ShipPercent);
        Assert.Equal(Verdict.Ship, summary.Verdict);
        Assert.Equal(10m, summary.BadgeScore);
    }

    [Fact]
    public void Nobody_taking_a_side_gives_no_verdict()
    {
        var summary = PanelArithmetic.Summarize(Takes(0, 0, 7));
        Assert.Equal(new PanelSummary(0, 0, 7, null), summary);
        Assert.Null(PanelArithmetic.Summarize([]).Verdict);
    }

    [Fact]
    public void Percent_rounds_half_away_from_zero()
    {
        // 1 of 8 is 12.5 %: banker's rounding would give 12.
        Assert.Equal(13, PanelArithmetic.Summarize(Takes(1, 7)).ShipPercent);
        Assert.Equal(63, PanelArithmetic.Summarize(Takes(5, 3)).ShipPercent);
        Assert.Equal(67, PanelArithmetic.Summarize(Takes(2, 1)).ShipPercent);
    }

    [Fact]
    public void Mean_score_counts_only_critics_that_took_a_side_to_one_decimal()
    {
        var summary = PanelArithmetic.Summarize([(Verdict.Ship, 71), (Verdict.Skip, 40), (Verdict.Ship, 66), (Verdict.NoTake, null)]);
        Assert.Equal(59.0, summary.MeanScore);
        Assert.Equal(59.3, PanelArithmetic.Summarize([(Verdict.Ship, 70), (Verdict.Skip, 40), (Verdict.Ship, 68)]).MeanScore);
    }

    [Fact]
    public void Percent_is_within_0_to_100_and_badge_is_percent_over_ten()
    {
        var rng = new Random(1234);
        for (var run = 0; run < Runs; run++)
        {
            var takes = RandomTakes(rng);
            var summary = PanelArithmetic.Summarize(takes);
            if (summary.Ships + summary.Skips == 0)
            {
                Assert.Null(summary.ShipPercent);
                Assert.Null(summary.BadgeScore);
                continue;
            }

            Assert.InRange(summary.ShipPercent!.Value, 0, 100);
            Assert.Equal(summary.ShipPercent.Value / 10m, summary.BadgeScore);
            var exact = 100.0 * summary.Ships / (summary.Ships + summary.Skips);
            Assert.True(Math.Abs(exact - summary.ShipPercent.Value) <= 0.5, $"{exact} shown as {summary.ShipPercent}");
        }
    }

    [Fact]
    public void Verdict_is_the_majority_and_a_tie_is_a_skip()
    {
        var rng = new Random(99);
        for (var run = 0; run < Runs; run++)
        {
            var summary = PanelArithmetic.Summarize(RandomTakes(rng));
            Verdict? expected = summary.Ships + summary.Skips == 0 ? null
                : summary.Ships > summary.Skips ? Verdict.Ship
                : Verdict.Skip;
            Assert.Equal(expected, summary.Verdict);
        }

        for (var n = 1; n <= 10; n++)
        {
            Assert.Equal(Verdict.Skip, PanelArithmetic.Summarize(Takes(n, n, n % 3)).Verdict);
        }
    }

    [Fact]
    public void No_takes_never_change_percent_verdict_or_mean()
    {
        var rng = new Random(7);
        for (var run = 0; run < Runs; run++)
        {
            var takes = RandomTakes(rng);
            var without = PanelArithmetic.Summarize(takes.Where(t => t.Item1 != Verdict.NoTake));
            var extra = rng.Next(1, 6);
            var with = PanelArithmetic.Summarize([.. takes, .. Enumerable.Repeat<(Verdict, int?)>((Verdict.NoTake, null), extra)]);
            Assert.Equal(without.ShipPercent, with.ShipPercent);
            Assert.Equal(without.Verdict, with.Verdict);
            Assert.Equal(without.MeanScore, with.MeanScore);
            Assert.Equal(without.BadgeScore, with.BadgeScore);
        }
    }

    [Fact]
    public void Counts_add_up_and_order_does_not_matter()
    {
        var rng = new Random(42);
        for (var run = 0; run < Runs; run++)
        {
            var takes = RandomTakes(rng);
            var summary = PanelArithmetic.Summarize(takes);
            Assert.Equal(takes.Count, summary.Ships + summary.Skips + summary.NoTakes);
            var shuffled = takes.OrderBy(_ => rng.Next()).ToList();
            Assert.Equal(summary, PanelArithmetic.Summarize(shuffled));
        }
    }

    [Fact]
    public void One_more_ship_never_lowers_the_percent()
    {
        var rng = new Random(5);
        for (var run = 0; run < Runs; run++)
        {
            var takes = RandomTakes(rng);
            var before = PanelArithmetic.Summarize(takes);
            var after = PanelArithmetic.Summarize([.. takes, (Verdict.Ship, 90)]);
            Assert.True(after.ShipPercent >= (before.ShipPercent ?? 0));
        }
    }

    [Theory]
    [InlineData(Verdict.Ship, "ship")]
    [InlineData(Verdict.Skip, "skip")]
    [InlineData(Verdict.NoTake, "no-take")]
    public void Verdict_wire_names_round_trip(Verdict verdict, string wire)
    {
        Assert.Equal(wire, verdict.ToWire());
        Assert.Equal(verdict, VerdictText.Parse(wire));
        Assert.Equal($"\"{wire}\"", System.Text.Json.JsonSerializer.Serialize(verdict));
    }

    [Fact]
    public void Parsing_an_unknown_verdict_fails() =>
        Assert.Throws<FormatException>(() => VerdictText.Parse("maybe"));
}
