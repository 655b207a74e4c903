using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;

namespace Shipwise.Tests.Compare;

public class FactFormatTests
{
    [Theory]
    [InlineData(128_000, "128K tokens")]
    [InlineData(131_072, "128K tokens")]
    [InlineData(32_768, "32K tokens")]
    [InlineData(8_192, "8K tokens")]
    [InlineData(4_000, "4K tokens")]
    [InlineData(200_000, "200K tokens")]
    [InlineData(1_500, "1.5K tokens")]
    [InlineData(1_000_000, "1M tokens")]
    [InlineData(1_048_576, "1M tokens")]
    [InlineData(2_000_000, "2M tokens")]
    [InlineData(1_500_000, "1.5M tokens")]
    [InlineData(512, "512 tokens")]
    public void Context_windows_read_in_K_and_M(int tokens, string expected) =>
        Assert.Equal(expected, FactFormat.Tokens(tokens));

    [Theory]
    [InlineData("0.4", "$0.40")]
    [InlineData("2", "$2.00")]
    [InlineData("0.075", "$0.075")]
    [InlineData("10.5", "$10.50")]
    public void Prices_always_show_cents(string amount, string expected) =>
        Assert.Equal(expected, FactFormat.Usd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("810", "810 GB")]
    [InlineData("24", "24 GB")]
    [InlineData("1.5", "1.5 GB")]
    [InlineData("1", "1 GB")]
    [InlineData("0.041", "41 MB")]
    [InlineData("0.0004", "under 1 MB")]
    public void Memory_under_a_gigabyte_reads_in_megabytes_not_as_zero(string gigabytes, string expected) =>
        Assert.Equal(expected, FactFormat.Gigabytes(decimal.Parse(gigabytes, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_mixture_of_experts_shows_total_and_active_parameters()
    {
        Assert.Equal("2.2B", FactFormat.Parameters(new Parameters { TotalBillions = 2.2m }));
        Assert.Equal("7B", FactFormat.Parameters(new Parameters { TotalBillions = 7, ActiveBillions = 7 }));
        Assert.Equal("671B total, 37B active", FactFormat.Parameters(new Parameters { TotalBillions = 671, ActiveBillions = 37 }));
    }

    [Fact]
    public void Only_unverified_facts_get_a_flag()
    {
        Assert.Equal("", FactFormat.Flag(FactStatus.Verified));
        Assert.Equal(" (vendor claim)", FactFormat.Flag(FactStatus.VendorClaim));
        Assert.Equal(" (unverified)", FactFormat.Flag(FactStatus.Unverified));
    }
}
