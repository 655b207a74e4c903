using System.Text.RegularExpressions;

namespace Shipwise.Tests.Compare;

/// <summary>What a reader trips on in compare answers, checked over every demo pair within a category.</summary>
public partial class CompareProseTests
{
    [Fact]
    public void No_answer_sets_parentheses_inside_parentheses()
    {
        // "(HIPAA-ready (BAA available) (third-party))" read as a typo; the inner pair is set as brackets.
        var bad = DemoComparisons.PairsWithinCategories()
            .SelectMany(p => DemoComparisons.Compare(p.Left.Slug, p.Right.Slug).Answers.Select(a => (p, a.Reason)))
            .Where(x => Nested().IsMatch(x.Reason))
            .Select(x => $"{x.p.Left.Slug} / {x.p.Right.Slug}: {x.Reason}")
            .ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Take(5)));
    }

    [GeneratedRegex(@"\([^()]*\([^()]*\)[^()]*\)")]
    private static partial Regex Nested();
}
