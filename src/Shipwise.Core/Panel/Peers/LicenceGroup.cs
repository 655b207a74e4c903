namespace Shipwise.Core.Panel.Peers;

/// <summary>
/// The pickable peers of one kind under one licence, in slug order, for "another tool under the
/// same licence" lines. Picking the k-th member that is not the tool itself is done by index
/// arithmetic over the few excluded positions, not by copying the group: a licence such as
/// Apache-2.0 can hold tens of thousands of tools and is asked once per review.
/// </summary>
internal sealed class LicenceGroup
{
    private readonly PeerSummary[] _members;
    private readonly Dictionary<string, int> _bySlug = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);

    public LicenceGroup(IEnumerable<PeerSummary> members)
    {
        _members = [.. members];
        for (var i = 0; i < _members.Length; i++)
        {
            _bySlug.TryAdd(_members[i].Slug, i);
            if (!_byName.TryGetValue(_members[i].Name, out var same))
            {
                _byName[_members[i].Name] = same = [];
            }

            same.Add(i);
        }
    }

    /// <summary>
    /// Members other than the tool with <paramref name="slug"/> (and, when given, other than tools
    /// named <paramref name="name"/>): how many there are, and the k-th of them in slug order.
    /// </summary>
    public Others Without(string slug, string? name = null)
    {
        var excluded = new SortedSet<int>();
        if (_bySlug.TryGetValue(slug, out var self))
        {
            excluded.Add(self);
        }

        if (name is not null && _byName.TryGetValue(name, out var same))
        {
            excluded.UnionWith(same);
        }

        return new Others(_members, [.. excluded]);
    }

    public readonly struct Others(PeerSummary[] members, int[] excluded)
    {
        public int Count => members.Length - excluded.Length;

        public PeerSummary this[int k]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(k);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Count);
                var index = k;
                foreach (var skip in excluded)
                {
                    if (skip <= index)
                    {
                        index++;
                    }
                }

                return members[index];
            }
        }
    }
}
