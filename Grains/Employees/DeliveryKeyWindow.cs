using System.IO.Hashing;
using System.Text;

namespace WealthActors.Grains.Employees;

/// <summary>
/// Remembers the last <see cref="Capacity"/> delivery keys as 64-bit hashes, so a busy manager's grain keeps a few
/// kilobytes of de-duplication state instead of an ever-growing list of strings. Duplicates come from outbox retries
/// and duplicated reminder ticks, which arrive soon after the original, well inside the window.
/// </summary>
public sealed class DeliveryKeyWindow
{
    public const int Capacity = 2048;

    private readonly List<ulong> _ordered;
    private readonly HashSet<ulong> _lookup;

    public DeliveryKeyWindow(List<ulong> ordered)
    {
        _ordered = ordered;
        _lookup = [.. ordered];
    }

    public static ulong Hash(string key) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key));

    public bool Contains(string key) => _lookup.Contains(Hash(key));

    /// <summary>Adds the key; returns false when it was already present.</summary>
    public bool Add(string key)
    {
        var hash = Hash(key);
        if (!_lookup.Add(hash))
        {
            return false;
        }

        _ordered.Add(hash);
        if (_ordered.Count > Capacity)
        {
            var evicted = _ordered.Count - Capacity;
            foreach (var old in _ordered.Take(evicted))
            {
                _lookup.Remove(old);
            }

            _ordered.RemoveRange(0, evicted);
        }

        return true;
    }
}
