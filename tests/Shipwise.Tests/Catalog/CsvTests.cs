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
}
