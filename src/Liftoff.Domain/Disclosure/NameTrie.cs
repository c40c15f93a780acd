namespace Liftoff.Domain.Disclosure;

/// <summary>A name of an item as stored in the trie.</summary>
internal sealed record NameEntry(int ItemIndex, string Name, NameKind Kind, bool IsPublic, bool UpperCaseOnly = false);

/// <summary>
/// Character trie over names with separators removed ("Sky-Hawk", "sky hawk" and "Skyhawk" share
/// one key), so one walk per token start finds every name beginning there.
/// </summary>
internal sealed class NameTrie
{
    private readonly List<Node> _nodes = [new Node()];

    public int Count { get; private set; }

    public Node Root => _nodes[0];

    public Node this[int index] => _nodes[index];

    public void Add(string name, NameEntry entry)
    {
        var key = new List<(char C, bool FuzzyOk)>();
        var folded = new List<char>(name.Length);
        foreach (var c in name)
        {
            var f = CharFolding.Fold(c);
            if (f != CharFolding.Dropped)
            {
                folded.Add(f);
            }
        }
        for (var i = 0; i < folded.Count;)
        {
            if (!char.IsLetterOrDigit(folded[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < folded.Count && char.IsLetterOrDigit(folded[i]))
            {
                i++;
            }
            // Typos are tolerated only inside longer words and never in the first letter or in digits.
            for (var j = start; j < i; j++)
            {
                key.Add((folded[j], i - start >= 5 && j > start && !char.IsDigit(folded[j])));
            }
        }
        if (key.Count == 0)
        {
            return;
        }
        var node = 0;
        var depth = 1;
        foreach (var (c, fuzzyOk) in key)
        {
            if (!_nodes[node].Children.TryGetValue(c, out var child))
            {
                child = _nodes.Count;
                _nodes.Add(new Node());
                _nodes[node].Children.Add(c, child);
            }
            node = child;
            _nodes[node].FuzzyOk |= fuzzyOk;
            _nodes[node].Depth = depth++;
        }
        _nodes[node].Entries.Add(entry);
        Count++;
    }

    internal sealed class Node
    {
        public ChildMap Children { get; } = new();

        public List<NameEntry> Entries { get; } = [];

        public bool FuzzyOk { get; set; }

        /// <summary>Characters from the root to this node.</summary>
        public int Depth { get; set; }

        public bool IsTerminal => Entries.Count > 0;
    }
}
