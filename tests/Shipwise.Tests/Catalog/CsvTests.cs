using Shipwise.Catalog;

namespace Shipwise.Tests.Catalog;

public class CsvTests
{
    [Fact]
    public void Round_trips_commas_quotes_and_line_breaks()
    {
        var rows = new[] { new[] { "plain", "with, comma", "with \"quote\"", "two\nlines", "" } };
        var writer = new StringWriter();
        foreach (var row in rows)
        {
            Csv.WriteRow(writer, row);
        }

        var read = Csv.Read(new StringReader(writer.ToString())).ToList();
        Assert.Single(read);
        Assert.Equal(rows[0], read[0].Fields);
    }

    [Fact]
    public void Records_know_the_line_they_start_on()
    {
        var read = Csv.Read(new StringReader("a,b\n\"x\ny\",z\nlast,row")).ToList();
        Assert.Equal([1, 2, 4], read.Select(r => r.Line));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_with_its_line()
    {
        var error = Assert.Throws<Csv.FormatException>(() => Csv.Read(new StringReader("a,b\nc,\"never closed\n")).ToList());
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_stray_quote_is_an_error()
    {
        Assert.Throws<Csv.FormatException>(() => Csv.Read(new StringReader("a,b\"c\n")).ToList());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("'=already quoted")]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_written_as_text_and_read_back_unchanged(string value)
    {
        var writer = new StringWriter();
        Csv.WriteRow(writer, ["safe", value]);
        var cell = writer.ToString().TrimEnd('\n').Split(',', 2)[1].TrimStart('"');
        Assert.StartsWith("'", cell);
        Assert.Equal(["safe", value], Csv.Read(new StringReader(writer.ToString())).Single().Fields);
    }

    [Fact]
    public void Ordinary_cells_are_written_as_they_are()
    {
        var writer = new StringWriter();
        Csv.WriteRow(writer, ["it's", "a-b", "1+1", ""]);
        Assert.Equal("it's,a-b,1+1,\n", writer.ToString());
    }
}
