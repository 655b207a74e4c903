using Shipwise.Core.Community;

namespace Shipwise.Tests.Community;

public class BradleyTerryTests
{
    // Simulates readers picking between random pairs of items whose true log-strengths are known.
    private static List<PairOutcome> Simulate(double[] truth, int picks, Random random)
    {
        var outcomes = new List<PairOutcome>(picks);
        for (var k = 0; k < picks; k++)
        {
            var i = random.Next(truth.Length);
            var j = random.Next(truth.Length - 1);
            if (j >= i)
            {
                j++;
            }

            var iWins = random.NextDouble() < BradleyTerry.Logistic(truth[i] - truth[j]);
            outcomes.Add(iWins ? new PairOutcome(i, j) : new PairOutcome(j, i));
        }

        return outcomes;
    }

    private static double[] Centered(double[] values) => values.Select(v => v - values.Average()).ToArray();

    [Fact]
    public void Recovers_known_strengths_from_simulated_picks()
    {
        var truth = Centered([-1.5, -0.8, -0.2, 0.3, 0.9, 1.6]);
        var fit = BradleyTerry.Fit(truth.Length, Simulate(truth, 6000, new Random(20261122)));

        Assert.True(fit.Converged);
        Assert.True(fit.Connected);
        Assert.Equal(6000, fit.Comparisons);
        for (var i = 0; i < truth.Length; i++)
        {
            Assert.InRange(fit.Items[i].Strength, truth[i] - 0.15, truth[i] + 0.15);
            Assert.InRange(truth[i], fit.Items[i].Lower, fit.Items[i].Upper);
        }

        // The order is the true order, and the strengths are centred (only differences are identified).
        Assert.Equal(Enumerable.Range(0, truth.Length), fit.Items.OrderBy(item => item.Strength).Select(item => item.Index));
        Assert.Equal(0, fit.Items.Sum(item => item.Strength), 9);
    }

    [Fact]
    public void Ninety_five_percent_intervals_cover_the_truth_about_95_percent_of_the_time()
    {
        var truth = Centered([-1.0, -0.4, 0.0, 0.5, 1.2]);
        var random = new Random(7);
        int covered = 0, total = 0;
        for (var replicate = 0; replicate < 300; replicate++)
        {
            var fit = BradleyTerry.Fit(truth.Length, Simulate(truth, 400, random));
            for (var i = 0; i < truth.Length; i++)
            {
                total++;
                if (fit.Items[i].Lower <= truth[i] && truth[i] <= fit.Items[i].Upper)
                {
                    covered++;
                }
            }
        }

        // 1,500 intervals: a true 95 % lands in [93.5 %, 96.5 %] with probability > 99 %.
        var coverage = (double)covered / total;
        Assert.InRange(coverage, 0.935, 0.965);
    }

    [Fact]
    public void Intervals_narrow_as_picks_accumulate()
    {
        var truth = Centered([-0.5, 0.0, 0.5]);
        var few = BradleyTerry.Fit(3, Simulate(truth, 60, new Random(1)));
        var many = BradleyTerry.Fit(3, Simulate(truth, 6000, new Random(1)));
        for (var i = 0; i < 3; i++)
        {
            // Standard errors shrink like 1/√picks: 100 times the picks, about a tenth of the error.
            Assert.InRange(many.Items[i].StandardError / few.Items[i].StandardError, 0.06, 0.16);
        }
    }

    [Fact]
    public void An_unbeaten_item_gets_a_finite_strength_and_interval()
    {
        var fit = BradleyTerry.Fit(2, [new PairOutcome(0, 1, 25)]);

        Assert.True(fit.Converged);
        var (winner, loser) = (fit.Items[0], fit.Items[1]);
        Assert.True(double.IsFinite(winner.Strength) && double.IsFinite(winner.Upper));
        Assert.True(winner.Strength > loser.Strength);
        Assert.True(winner.PickChance > 0.9);
        Assert.Equal(25, winner.Wins);
        Assert.Equal(0, loser.Wins);
        Assert.Equal(25, loser.Comparisons);
    }

    [Fact]
    public void Disconnected_groups_stay_finite_and_are_reported()
    {
        // {0, 1} and {2, 3} were never compared with each other; item 4 with nothing.
        var fit = BradleyTerry.Fit(5, [new PairOutcome(0, 1, 8), new PairOutcome(1, 0, 2), new PairOutcome(2, 3, 5)]);

        Assert.False(fit.Connected);
        Assert.All(fit.Items, item => Assert.True(double.IsFinite(item.Strength) && double.IsFinite(item.StandardError)));
        Assert.True(fit.Items[0].Strength > fit.Items[1].Strength);
        Assert.True(fit.Items[2].Strength > fit.Items[3].Strength);
        Assert.Equal(0, fit.Items[4].Comparisons);

        // A group's level relative to the others rests on the prior alone, so its intervals are wide.
        var connected = BradleyTerry.Fit(4, [new PairOutcome(0, 1, 8), new PairOutcome(1, 0, 2), new PairOutcome(2, 3, 5), new PairOutcome(1, 2, 3), new PairOutcome(2, 1, 3)]);
        Assert.True(connected.Connected);
        Assert.True(fit.Items[0].StandardError > connected.Items[0].StandardError);
    }

    [Fact]
    public void The_same_picks_in_any_order_give_identical_results()
    {
        var truth = Centered([-1.0, 0.0, 0.4, 1.1]);
        var outcomes = Simulate(truth, 500, new Random(3));
        var shuffled = outcomes.OrderBy(_ => Random.Shared.Next()).ToList();

        var a = BradleyTerry.Fit(4, outcomes);
        var b = BradleyTerry.Fit(4, shuffled);
        var aggregated = BradleyTerry.Fit(4, outcomes.GroupBy(o => (o.Winner, o.Loser)).Select(g => new PairOutcome(g.Key.Winner, g.Key.Loser, g.Count())));

        Assert.Equal(a.Items, b.Items);
        Assert.Equal(a.Items, aggregated.Items);
    }

    [Fact]
    public void No_picks_means_every_item_is_average()
    {
        var fit = BradleyTerry.Fit(3, []);
        Assert.All(fit.Items, item =>
        {
            Assert.Equal(0, item.Strength);
            Assert.Equal(0.5, item.PickChance);
            Assert.Equal(0, item.Comparisons);
        });
        Assert.Empty(BradleyTerry.Fit(0, []).Items);
    }

    [Fact]
    public void Bad_outcomes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BradleyTerry.Fit(2, [new PairOutcome(0, 2)]));
        Assert.Throws<ArgumentException>(() => BradleyTerry.Fit(2, [new PairOutcome(1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BradleyTerry.Fit(2, [], new BradleyTerryOptions { PriorPrecision = 0 }));
    }
}
