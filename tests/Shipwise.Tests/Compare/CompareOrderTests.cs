using Shipwise.Core.Compare;

namespace Shipwise.Tests.Compare;

/// <summary>The page keeps the reader's order, so a pair must give the same answers whichever tool is named first.</summary>
public class CompareOrderTests
{
    public static TheoryData<string, string> DemoPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (left, right) in DemoComparisons.PairsWithinCategories())
        {
            data.Add(left.Slug, right.Slug);
        }

        return data;
    }

    private static string? Picked(UseCaseAnswer a) => a.Pick is Pick.Left or Pick.Right ? a.ToolSlug : a.Pick.ToString();

    [Theory]
    [MemberData(nameof(DemoPairs))]
    public void Both_orders_pick_the_same_tool_for_every_question_and_the_verdict(string a, string b)
    {
        var forward = DemoComparisons.CompareInOrder(a, b);
        var reversed = DemoComparisons.CompareInOrder(b, a);

        Assert.Equal(a, forward.Left.Tool.Slug);
        Assert.Equal(b, reversed.Left.Tool.Slug);
        Assert.Equal(forward.CanonicalPath, reversed.CanonicalPath);
        Assert.NotEqual(forward.Path, reversed.Path);
        Assert.Equal(forward.Answers.Select(x => (x.UseCase, Picked(x))), reversed.Answers.Select(x => (x.UseCase, Picked(x))));
        Assert.Equal(forward.Verdict.ToolSlug, reversed.Verdict.ToolSlug);
        Assert.Equal(Mirror(forward.Verdict.Pick), reversed.Verdict.Pick);
    }

    private static Pick Mirror(Pick pick) => pick switch { Pick.Left => Pick.Right, Pick.Right => Pick.Left, _ => pick };
}
