namespace Liftoff.Domain.Disclosure;

/// <summary>
/// The children of one trie node, sorted by character. Most nodes have one or two children, where
/// a short scan beats hashing; the few wide nodes near the root use a binary search.
/// </summary>
internal sealed class ChildMap
{
    private char[] _keys = [];
    private int[] _values = [];

    public int Count { get; private set; }

    public (char Key, int Value) At(int index) => (_keys[index], _values[index]);

    public bool ContainsKey(char key) => IndexOf(key) >= 0;

    public bool TryGetValue(char key, out int value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : -1;
        return index >= 0;
    }

    /// <summary>Adds a child; only called while the trie is built, so the copying does not matter.</summary>
    public void Add(char key, int value)
    {
        var at = 0;
        while (at < Count && _keys[at] < key)
        {
            at++;
        }
        _keys = [.. _keys.AsSpan(0, at), key, .. _keys.AsSpan(at, Count - at)];
        _values = [.. _values.AsSpan(0, at), value, .. _values.AsSpan(at, Count - at)];
        Count++;
    }

    private int IndexOf(char key)
    {
        if (Count <= 8)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_keys[i] == key)
                {
                    return i;
                }
            }
            return -1;
        }
        var found = Array.BinarySearch(_keys, 0, Count, key);
        return found >= 0 ? found : -1;
    }
}
