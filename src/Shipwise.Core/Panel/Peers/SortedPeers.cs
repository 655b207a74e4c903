namespace Shipwise.Core.Panel.Peers;

/// <summary>
/// One measure over a category's pickable peers, sorted by value then name, so a review asks
/// "how many beat it, who is next, what is the median" in logarithmic time. A category of 6,000
/// tools is reviewed 42,000 times; a linear scan per question would dominate the panel's run.
/// </summary>
internal sealed class SortedPeers
{
    private readonly decimal[] _values;
    private readonly string[] _names;
    private readonly string[] _slugs;
    private readonly Dictionary<string, int> _index;

    public SortedPeers(IEnumerable<(string Slug, string Name, decimal Value)> items)
    {
        var sorted = items.OrderBy(x => x.Value).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Slug, StringComparer.Ordinal).ToArray();
        _values = [.. sorted.Select(x => x.Value)];
        _names = [.. sorted.Select(x => x.Name)];
        _slugs = [.. sorted.Select(x => x.Slug)];
        _index = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            _index.TryAdd(sorted[i].Slug, i);
        }
    }

    public int Count => _values.Length;

    /// <summary>The position of the tool itself, or -1 when it is not among these peers.</summary>
    public int SelfIndex(string slug) => _index.GetValueOrDefault(slug, -1);

    /// <summary>How many peers other than the tool have the measure.</summary>
    public int Others(int self) => Count - (self >= 0 ? 1 : 0);

    /// <summary>The first position whose value is at least <paramref name="value"/>.</summary>
    public int LowerBound(decimal value)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_values[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first position whose value is above <paramref name="value"/>.</summary>
    public int UpperBound(decimal value)
    {
        int lo = 0, hi = _values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>How many positions in [from, to) are not the tool itself.</summary>
    public static int Between(int from, int to, int self) => Math.Max(0, to - from - (self >= from && self < to ? 1 : 0));

    public decimal Value(int i) => _values[i];

    public string Slug(int i) => _slugs[i];

    public (string Name, decimal Value) At(int i) => (_names[i], _values[i]);

    /// <summary>
    /// The peer nearest below position <paramref name="end"/> (exclusive), skipping the tool: of
    /// several at that value, the one <paramref name="seed"/> picks, so tools next to the same
    /// crowd name different members of it.
    /// </summary>
    public (string Name, decimal Value)? Below(int end, int self, uint seed = 0)
    {
        var i = end - 1;
        if (i == self)
        {
            i--;
        }

        return i < 0 ? null : At(Pick(LowerBound(_values[i]), i + 1, self, seed));
    }

    /// <summary>The peer nearest at or above position <paramref name="start"/>, skipping the tool; of several at that value, the one <paramref name="seed"/> picks.</summary>
    public (string Name, decimal Value)? Above(int start, int self, uint seed = 0)
    {
        var i = start == self ? start + 1 : start;
        return i < _values.Length ? At(Pick(i, UpperBound(_values[i]), self, seed)) : null;
    }

    /// <summary>One name, skipping the tool, among positions [from, to), picked by <paramref name="seed"/>.</summary>
    public string? FirstName(int from, int to, int self, uint seed = 0) =>
        Between(from, to, self) == 0 ? null : _names[Pick(from, to, self, seed)];

    /// <summary>A position in [from, to) other than the tool's, chosen by <paramref name="seed"/>; the range holds at least one.</summary>
    private static int Pick(int from, int to, int self, uint seed)
    {
        var count = Between(from, to, self);
        var k = from + (int)(seed % (uint)count);
        return self >= from && k >= self ? k + 1 : k;
    }

    /// <summary>The k-th smallest value (0-based) among the peers other than the tool.</summary>
    public decimal KthOther(int k, int self) => _values[self >= 0 && k >= self ? k + 1 : k];
}
