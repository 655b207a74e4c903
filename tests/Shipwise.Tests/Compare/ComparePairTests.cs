using Shipwise.Core.Compare;

namespace Shipwise.Tests.Compare;

public class ComparePairTests
{
    [Theory]
    [InlineData("mistral-medium-3", "gpt-4o", "gpt-4o", "mistral-medium-3")]
    [InlineData("gpt-4o", "mistral-medium-3", "gpt-4o", "mistral-medium-3")]
    [InlineData("qwen2-vl", "qwen2-5-vl", "qwen2-5-vl", "qwen2-vl")] // digits sort before letters in ordinal order
    [InlineData("mistral-7b", "mistral-4b", "mistral-4b", "mistral-7b")]
    public void Canonical_puts_slugs_in_ordinal_order_whatever_order_they_come_in(string a, string b, string first, string second)
    {
        Assert.Equal((first, second), ComparePair.Canonical(a, b));
        Assert.Equal((first, second), ComparePair.Canonical(b, a));
        Assert.True(ComparePair.IsCanonical(first, second));
        Assert.False(ComparePair.IsCanonical(second, first));
    }

    [Fact]
    public void Both_orders_share_one_path()
    {
        Assert.Equal("/compare/mistral-medium-3-vs-smolvlm2", ComparePair.Path("smolvlm2", "mistral-medium-3"));
        Assert.Equal("/compare/mistral-medium-3-vs-smolvlm2", ComparePair.Path("mistral-medium-3", "smolvlm2"));
    }

    [Fact]
    public void Parsing_splits_hyphenated_slugs_at_the_separator_and_keeps_the_written_order()
    {
        Assert.True(ComparePair.TryParse("smolvlm2-vs-mistral-medium-3", out var a, out var b));
        Assert.Equal(("smolvlm2", "mistral-medium-3"), (a, b));
        Assert.False(ComparePair.IsCanonical(a, b)); // the page keeps this order and names the canonical one in rel=canonical
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gpt-4o")]
    [InlineData("-vs-")]
    [InlineData("gpt-4o-vs-")]
    [InlineData("-vs-gpt-4o")]
    [InlineData("gpt-4o-vs-gpt-4o")]
    [InlineData("a-vs-b-vs-c")]
    [InlineData("GPT-4o-vs-phi-4")]
    [InlineData("gpt-4o--vs-phi-4")]
    [InlineData("gpt-4o-vs--phi-4")]
    [InlineData("gpt-4o-vs-phi-4/")]
    [InlineData("gpt-4o vs phi-4")]
    public void Parsing_rejects_missing_parts_invalid_slugs_and_the_same_tool_twice(string? segment)
    {
        Assert.False(ComparePair.TryParse(segment, out var a, out var b));
        Assert.Equal(("", ""), (a, b));
    }

    [Fact]
    public void The_first_occurrence_of_the_separator_wins_when_both_readings_are_valid()
    {
        // "foo-vs" and "vs-bar" are both valid slugs, so this segment has two readings.
        Assert.True(ComparePair.TryParse("foo-vs-vs-bar", out var a, out var b));
        Assert.Equal(("foo", "vs-bar"), (a, b));
        Assert.Equal([("foo", "vs-bar"), ("foo-vs", "bar")], ComparePair.Candidates("foo-vs-vs-bar"));
    }

    [Fact]
    public void A_later_occurrence_is_used_when_the_first_split_is_not_two_valid_slugs()
    {
        // Split at the first "-vs-", the second half would itself contain "-vs-", which no slug may.
        Assert.True(ComparePair.TryParse("foo-vs-vs-vs-bar", out var a, out var b));
        Assert.Equal(("foo-vs", "vs-bar"), (a, b));
    }

    [Fact]
    public void Every_canonical_path_parses_back_to_its_pair()
    {
        string[] slugs = ["a", "gpt-4o", "gpt-4o-mini", "mistral-medium-3", "llama-3-1-405b", "vs-code", "qwen2-5-vl", "v", "s", "vsx"];
        foreach (var x in slugs)
        {
            foreach (var y in slugs.Where(y => y != x))
            {
                var segment = ComparePair.Path(x, y)["/compare/".Length..];
                Assert.True(ComparePair.TryParse(segment, out var a, out var b), segment);
                Assert.Equal(ComparePair.Canonical(x, y), (a, b));
            }
        }
    }

    [Fact]
    public void A_tool_cannot_be_compared_with_itself()
    {
        var smol = CompareTools.Side(CompareTools.SmolVlm2());
        Assert.Throws<ArgumentException>(() => Comparison.Build(smol, smol, CompareTools.Critics));
    }
}
