using System.Diagnostics.CodeAnalysis;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// The keys personal data is sealed with: new payloads are sealed with <see cref="Current"/>, and a payload opens as
/// long as the key its header names is in the ring. Keys of different algorithms may share a ring.
/// </summary>
internal sealed class KeyRing
{
    private readonly Dictionary<string, DataKey> _keys;

    public KeyRing(IEnumerable<DataKey> keys, string currentKeyId)
    {
        _keys = new Dictionary<string, DataKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!_keys.TryAdd(key.Id, key))
            {
                throw new ArgumentException($"Key id '{key.Id}' appears twice in the key ring.", nameof(keys));
            }
        }

        if (!_keys.TryGetValue(currentKeyId, out var current))
        {
            throw new ArgumentException($"The current key '{currentKeyId}' is not in the key ring.", nameof(currentKeyId));
        }

        Current = current;
    }

    public DataKey Current { get; }

    public IReadOnlyCollection<DataKey> Keys => _keys.Values;

    public bool TryGet(string id, [NotNullWhen(true)] out DataKey? key) => _keys.TryGetValue(id, out key);
}
