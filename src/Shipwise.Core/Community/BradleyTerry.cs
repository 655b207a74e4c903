namespace Shipwise.Core.Community;

/// <summary>One or more picks of <see cref="Winner"/> over <see cref="Loser"/> (indexes into the items being ranked).</summary>
public readonly record struct PairOutcome(int Winner, int Loser, int Count = 1);

public sealed record BradleyTerryOptions
{
    /// <summary>
    /// Precision (1 / variance) of the Gaussian prior on each log-strength, centred on an average
    /// item. 0.1 is a prior standard deviation of about 3.2 (a 96 % pick rate against an average
    /// item is one prior standard deviation): weak enough that real data dominates, strong enough
    /// that an unbeaten item or a group never compared with the rest gets a finite strength.
    /// </summary>
    public double PriorPrecision { get; init; } = 0.1;

    public int MaxIterations { get; init; } = 100;

    /// <summary>Newton stops when no log-strength moves by more than this.</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>The normal quantile of the intervals; 1.96 is 95 %.</summary>
    public double Z { get; init; } = 1.959963984540054;
}

/// <summary>
/// One item's fitted strength. <see cref="Strength"/> is a log-strength centred on the average
/// item of the fit: the chance that item i is picked over item j is logistic(θi − θj).
/// </summary>
public sealed record BradleyTerryItem(int Index, double Strength, double StandardError, double Lower, double Upper, int Comparisons, int Wins)
{
    /// <summary>The chance of being picked over an (imaginary) average item of the fit.</summary>
    public double PickChance => BradleyTerry.Logistic(Strength);

    public double PickChanceLower => BradleyTerry.Logistic(Lower);

    public double PickChanceUpper => BradleyTerry.Logistic(Upper);
}

/// <param name="Items">In input index order (not ranked).</param>
/// <param name="Connected">Every item with a comparison is linked to every other through picks; if not, groups are only related through the prior.</param>
public sealed record BradleyTerryFit(IReadOnlyList<BradleyTerryItem> Items, int Comparisons, int Iterations, bool Converged, bool Connected);

/// <summary>
/// The Bradley–Terry model of paired choices, P(i over j) = πi / (πi + πj), fitted by Newton's
/// method on the log-strengths θ = log π with a weak Gaussian prior (a ridge penalty). The
/// penalised likelihood is strictly concave, so the fit is unique and finite even for unbeaten
/// items and disconnected groups, and Newton converges in a handful of steps. Standard errors
/// come from the observed information (the negative Hessian at the optimum), for the strengths
/// centred on their mean: only differences are identified by the picks. Pure and deterministic:
/// the same outcomes in any order give bit-identical results.
/// </summary>
public static class BradleyTerry
{
    public static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    public static BradleyTerryFit Fit(int itemCount, IEnumerable<PairOutcome> outcomes, BradleyTerryOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new BradleyTerryOptions();
        if (options.PriorPrecision <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PriorPrecision must be positive, or unbeaten items have no finite strength.");
        }

        var pairs = Aggregate(itemCount, outcomes);
        var n = itemCount;
        var comparisons = new int[n];
        var wins = new int[n];
        var total = 0;
        foreach (var p in pairs)
        {
            comparisons[p.I] += p.WinsI + p.WinsJ;
            comparisons[p.J] += p.WinsI + p.WinsJ;
            wins[p.I] += p.WinsI;
            wins[p.J] += p.WinsJ;
            total += p.WinsI + p.WinsJ;
        }

        var lambda = options.PriorPrecision;
        var theta = new double[n];
        var gradient = new double[n];
        var hessian = new double[n, n];
        var iterations = 0;
        var converged = n == 0;
        var objective = Objective(pairs, theta, lambda);
        while (!converged && iterations < options.MaxIterations)
        {
            iterations++;
            Information(pairs, theta, lambda, hessian);
            Gradient(pairs, theta, lambda, gradient);
            var step = Cholesky.Solve(hessian, gradient);

            // Newton on a concave function can still overshoot far from the optimum (many lopsided
            // picks); halving the step until the objective does not fall keeps every iteration an ascent.
            var scale = 1.0;
            var candidate = new double[n];
            double next;
            while (true)
            {
                for (var i = 0; i < n; i++)
                {
                    candidate[i] = theta[i] + scale * step[i];
                }

                next = Objective(pairs, candidate, lambda);
                if (next >= objective - 1e-12 * Math.Abs(objective) || scale < 1e-6)
                {
                    break;
                }

                scale /= 2;
            }

            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                largest = Math.Max(largest, Math.Abs(candidate[i] - theta[i]));
            }

            theta = candidate;
            objective = next;
            converged = largest < options.Tolerance;
        }

        var covariance = CenteredCovariance(pairs, theta, lambda, hessian);
        var items = new BradleyTerryItem[n];
        for (var i = 0; i < n; i++)
        {
            var se = Math.Sqrt(Math.Max(0, covariance[i]));
            items[i] = new BradleyTerryItem(i, theta[i], se, theta[i] - options.Z * se, theta[i] + options.Z * se, comparisons[i], wins[i]);
        }

        return new BradleyTerryFit(items, total, iterations, converged, IsConnected(n, pairs, comparisons));
    }

    private readonly record struct Pair(int I, int J, int WinsI, int WinsJ);

    // One entry per unordered pair, sorted, so the arithmetic (and its rounding) never depends on input order.
    private static List<Pair> Aggregate(int n, IEnumerable<PairOutcome> outcomes)
    {
        var counts = new Dictionary<(int, int), (int WinsI, int WinsJ)>();
        foreach (var o in outcomes)
        {
            if ((uint)o.Winner >= (uint)n || (uint)o.Loser >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(outcomes), $"Outcome {o.Winner} over {o.Loser} names an item outside 0..{n - 1}.");
            }

            if (o.Winner == o.Loser)
            {
                throw new ArgumentException($"Item {o.Winner} cannot be picked over itself.", nameof(outcomes));
            }

            ArgumentOutOfRangeException.ThrowIfNegative(o.Count, nameof(outcomes));
            if (o.Count == 0)
            {
                continue;
            }

            var key = o.Winner < o.Loser ? (o.Winner, o.Loser) : (o.Loser, o.Winner);
            var current = counts.GetValueOrDefault(key);
            counts[key] = o.Winner < o.Loser ? (current.WinsI + o.Count, current.WinsJ) : (current.WinsI, current.WinsJ + o.Count);
        }

        return counts.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2)
            .Select(kv => new Pair(kv.Key.Item1, kv.Key.Item2, kv.Value.WinsI, kv.Value.WinsJ)).ToList();
    }

    // log σ(x) without overflow for large |x|.
    private static double LogLogistic(double x) => x >= 0 ? -double.LogP1(Math.Exp(-x)) : x - double.LogP1(Math.Exp(x));

    private static double Objective(List<Pair> pairs, double[] theta, double lambda)
    {
        var value = 0.0;
        foreach (var p in pairs)
        {
            var d = theta[p.I] - theta[p.J];
            value += p.WinsI * LogLogistic(d) + p.WinsJ * LogLogistic(-d);
        }

        var penalty = 0.0;
        foreach (var t in theta)
        {
            penalty += t * t;
        }

        return value - lambda / 2 * penalty;
    }

    private static void Gradient(List<Pair> pairs, double[] theta, double lambda, double[] gradient)
    {
        for (var i = 0; i < theta.Length; i++)
        {
            gradient[i] = -lambda * theta[i];
        }

        foreach (var p in pairs)
        {
            var probability = Logistic(theta[p.I] - theta[p.J]);
            var g = p.WinsI - (p.WinsI + p.WinsJ) * probability;
            gradient[p.I] += g;
            gradient[p.J] -= g;
        }
    }

    // The observed information: the negative Hessian of the penalised log-likelihood (positive definite).
    private static void Information(List<Pair> pairs, double[] theta, double lambda, double[,] information)
    {
        var n = theta.Length;
        Array.Clear(information);
        for (var i = 0; i < n; i++)
        {
            information[i, i] = lambda;
        }

        foreach (var p in pairs)
        {
            var probability = Logistic(theta[p.I] - theta[p.J]);
            var w = (p.WinsI + p.WinsJ) * probability * (1 - probability);
            information[p.I, p.I] += w;
            information[p.J, p.J] += w;
            information[p.I, p.J] -= w;
            information[p.J, p.I] -= w;
        }
    }

    /// <summary>
    /// Variances of θi − mean(θ): the diagonal of P·I⁻¹·P with P = 1 − 11ᵀ/n. Without the centring
    /// every variance would carry the prior's 1/(nλ) for the overall level, which the picks say
    /// nothing about and which no ranking depends on.
    /// </summary>
    private static double[] CenteredCovariance(List<Pair> pairs, double[] theta, double lambda, double[,] scratch)
    {
        var n = theta.Length;
        if (n == 0)
        {
            return [];
        }

        Information(pairs, theta, lambda, scratch);
        var inverse = Cholesky.Invert(scratch);
        var rowMeans = new double[n];
        var grand = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                sum += inverse[i, k];
            }

            rowMeans[i] = sum / n;
            grand += sum;
        }

        grand /= (double)n * n;
        var variances = new double[n];
        for (var i = 0; i < n; i++)
        {
            variances[i] = inverse[i, i] - 2 * rowMeans[i] + grand;
        }

        return variances;
    }

    private static bool IsConnected(int n, List<Pair> pairs, int[] comparisons)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var p in pairs)
        {
            parent[Find(p.I)] = Find(p.J);
        }

        var roots = Enumerable.Range(0, n).Where(i => comparisons[i] > 0).Select(Find).Distinct().Count();
        return roots <= 1;
    }

    /// <summary>Dense Cholesky factorisation of a symmetric positive definite matrix; the sizes here are the tools of one category that have picks.</summary>
    private static class Cholesky
    {
        private static double[,] Factor(double[,] a)
        {
            var n = a.GetLength(0);
            var l = new double[n, n];
            for (var j = 0; j < n; j++)
            {
                var diagonal = a[j, j];
                for (var k = 0; k < j; k++)
                {
                    diagonal -= l[j, k] * l[j, k];
                }

                if (diagonal <= 0)
                {
                    throw new InvalidOperationException("The information matrix is not positive definite.");
                }

                l[j, j] = Math.Sqrt(diagonal);
                for (var i = j + 1; i < n; i++)
                {
                    var sum = a[i, j];
                    for (var k = 0; k < j; k++)
                    {
                        sum -= l[i, k] * l[j, k];
                    }

                    l[i, j] = sum / l[j, j];
                }
            }

            return l;
        }

        private static double[] SolveFactored(double[,] l, double[] b)
        {
            var n = b.Length;
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = b[i];
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i, k] * y[k];
                }

                y[i] = sum / l[i, i];
            }

            var x = new double[n];
            for (var i = n - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < n; k++)
                {
                    sum -= l[k, i] * x[k];
                }

                x[i] = sum / l[i, i];
            }

            return x;
        }

        public static double[] Solve(double[,] a, double[] b) => SolveFactored(Factor(a), b);

        public static double[,] Invert(double[,] a)
        {
            var n = a.GetLength(0);
            var l = Factor(a);
            var inverse = new double[n, n];
            var unit = new double[n];
            for (var c = 0; c < n; c++)
            {
                Array.Clear(unit);
                unit[c] = 1;
                var column = SolveFactored(l, unit);
                for (var r = 0; r < n; r++)
                {
                    inverse[r, c] = column[r];
                }
            }

            return inverse;
        }
    }
}
