namespace Shipwise.Catalog;

/// <summary>
/// Tells in-process listeners (page caches, the review queue) that catalog data changed.
/// Other nodes learn of changes through the database, not through this.
/// </summary>
public sealed class CatalogChangeNotifier
{
    private long _version;

    public event Action? Changed;

    public long Version => Interlocked.Read(ref _version);

    public void CatalogChanged()
    {
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }
}
