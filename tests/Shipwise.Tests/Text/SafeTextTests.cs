using Shipwise.Core.Text;

namespace Shipwise.Tests.Text;

public class SafeTextTests
{
    [Theory]
    [InlineData("\u0000", 0x0000)]
    [InlineData("ok\u0001", 0x0001)]
    [InlineData("\u001B[31m", 0x001B)]
    [InlineData("del\u007F", 0x007F)]
    [InlineData("c1\u0085", 0x0085)]
    [InlineData("c1\u009F", 0x009F)]
    [InlineData("\uFDD0", 0xFDD0)]
    [InlineData("\uFDEF", 0xFDEF)]
    [InlineData("\uFFFE", 0xFFFE)]
    [InlineData("\uFFFF", 0xFFFF)]
    [InlineData("\uD83F\uDFFE", 0x1FFFE)]
    [InlineData("\uDBFF\uDFFF", 0x10FFFF)]
    public void Controls_non_characters_and_lone_surrogates_are_refused(string text, int codePoint)
    {
        Assert.Equal(codePoint, SafeText.FirstRefused(text, multiline: true)?.CodePoint);
        Assert.Contains($"U+{codePoint:X4}", SafeText.Problem(text, multiline: true));
    }

    // Built in code: theory data travels through UTF-8, which turns a lone surrogate into U+FFFD.
    [Fact]
    public void Lone_surrogates_are_refused()
    {
        foreach (var (text, codePoint) in new[] { ("lone \uD800 high", 0xD800), ("lone \uDC00 low", 0xDC00), ("swapped \uDC00\uD800", 0xDC00), ("end \uDBFF", 0xDBFF) })
        {
            Assert.Equal(codePoint, SafeText.FirstRefused(text, multiline: true)?.CodePoint);
            Assert.Contains("lone surrogate", SafeText.Problem(text));
        }
    }

    [Theory]
    [InlineData("Mistral Small 3.1")]
    [InlineData("Café · naïve — 東京 😀")]
    [InlineData("\uFFFD replacement character")]
    [InlineData("\uFDCF and \uFDF0 are characters")]
    [InlineData("")]
    public void Ordinary_text_passes(string text)
    {
        Assert.True(SafeText.IsSafe(text));
        Assert.Null(SafeText.Problem(text));
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Tabs_and_line_breaks_only_where_text_runs_over_lines(string text)
    {
        Assert.True(SafeText.IsSafe("a" + text + "b", multiline: true));
        Assert.False(SafeText.IsSafe("a" + text + "b", multiline: false));
    }

    [Fact]
    public void The_position_is_counted_from_one()
    {
        Assert.Equal(3, SafeText.FirstRefused("ab\u0001", multiline: false)?.Index + 1);
        Assert.Contains("at character 3", SafeText.Problem("ab\u0001"));
    }
}
