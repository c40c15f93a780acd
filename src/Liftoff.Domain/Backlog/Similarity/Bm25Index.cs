using System.Runtime.InteropServices;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// An inverted index over two fields, title and body, scored with BM25F: term frequencies are
/// length-normalised per field, weighted, summed, then saturated once. Documents live in slots
/// (small integers chosen by the caller) so that scores line up with <see cref="VectorIndex"/>.
/// Not thread-safe: <see cref="SimilarRequestIndex"/> guards it.
/// </summary>
public sealed class Bm25Index(Bm25Parameters parameters)
{
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<List<Posting>> _postings = [];
    private int[]?[] _slotTerms = [];
    private float[] _titleLength = [];
    private float[] _bodyLength = [];
    private double _titleLengthSum;
    private double _bodyLengthSum;

    public Bm25Parameters Parameters { get; } = parameters;

    public int Count { get; private set; }

    public int TermCount => _termIds.Count;

    /// <summary>Entries of all posting lists: one per distinct term of each document.</summary>
    public long PostingCount => _postings.Sum(p => (long)p.Count);

    /// <summary>Indexes the terms of one document in a slot, replacing what the slot held.</summary>
    public void Set(int slot, IReadOnlyList<string> titleTerms, IReadOnlyList<string> bodyTerms)
    {
        Remove(slot);
        EnsureCapacity(slot + 1);
        var counts = new Dictionary<int, (ushort Title, ushort Body)>();
        foreach (var term in titleTerms)
        {
            var id = TermId(term);
            var c = counts.GetValueOrDefault(id);
            counts[id] = ((ushort)Math.Min(c.Title + 1, ushort.MaxValue), c.Body);
        }
        var bodyCount = Math.Min(bodyTerms.Count, Parameters.MaxBodyTerms);
        for (var i = 0; i < bodyCount; i++)
        {
            var id = TermId(bodyTerms[i]);
            var c = counts.GetValueOrDefault(id);
            counts[id] = (c.Title, (ushort)Math.Min(c.Body + 1, ushort.MaxValue));
        }
        var ids = new int[counts.Count];
        var n = 0;
        foreach (var (id, tf) in counts)
        {
            ids[n++] = id;
            var list = _postings[id];
            var at = FindSlot(list, slot);
            list.Insert(~at, new Posting(slot, tf.Title, tf.Body));
        }
        _slotTerms[slot] = ids;
        _titleLength[slot] = titleTerms.Count;
        _bodyLength[slot] = bodyCount;
        _titleLengthSum += titleTerms.Count;
        _bodyLengthSum += bodyCount;
        Count++;
    }

    public void Remove(int slot)
    {
        if (slot >= _slotTerms.Length || _slotTerms[slot] is not { } ids)
        {
            return;
        }
        foreach (var id in ids)
        {
            var list = _postings[id];
            list.RemoveAt(FindSlot(list, slot));
        }
        _slotTerms[slot] = null;
        _titleLengthSum -= _titleLength[slot];
        _bodyLengthSum -= _bodyLength[slot];
        Count--;
    }

    /// <summary>Adds each document's BM25F score for the query into <paramref name="scores"/>, indexed by
    /// slot.</summary>
    public void Score(Bm25Query query, Span<float> scores)
    {
        if (Count == 0)
        {
            return;
        }
        var p = Parameters;
        var titleNorm = new LengthNorm(p.TitleB, Count / Math.Max(_titleLengthSum, 1));
        var bodyNorm = new LengthNorm(p.BodyB, Count / Math.Max(_bodyLengthSum, 1));
        var titleLength = _titleLength;
        var bodyLength = _bodyLength;
        foreach (var term in query.Terms)
        {
            if (!_termIds.TryGetValue(term.Term, out var id))
            {
                continue;
            }
            var postings = CollectionsMarshal.AsSpan(_postings[id]);
            var weight = (float)(Idf(postings.Length, Count) * term.Weight);
            foreach (ref readonly var posting in postings)
            {
                var s = posting.Slot;
                var tf = (p.TitleWeight * posting.Title * titleNorm.Inverse(titleLength[s]))
                    + (posting.Body * bodyNorm.Inverse(bodyLength[s]));
                scores[s] += weight * (float)(tf / (p.K1 + tf));
            }
        }
    }

    /// <summary>
    /// The score a document identical to the query would get if it were indexed too: the most a
    /// document can reasonably reach, so that scores divided by it read as "how much of the query matched".
    /// </summary>
    public double SelfScore(Bm25Query query)
    {
        var p = Parameters;
        var n = Count + 1;
        var titleNorm = new LengthNorm(p.TitleB, n / Math.Max(_titleLengthSum + query.TitleLength, 1));
        var bodyNorm = new LengthNorm(p.BodyB, n / Math.Max(_bodyLengthSum + query.BodyLength, 1));
        var total = 0.0;
        foreach (var term in query.Terms)
        {
            var tf = (p.TitleWeight * term.TitleFrequency * titleNorm.Inverse(query.TitleLength))
                + (term.BodyFrequency * bodyNorm.Inverse(query.BodyLength));
            total += Idf(DocumentFrequency(term.Term) + 1, n) * term.Weight * tf / (p.K1 + tf);
        }
        return total;
    }

    /// <summary>Lucene's idf, which stays positive for terms in most documents.</summary>
    public static double Idf(int documentFrequency, int documentCount) =>
        Math.Log(1 + ((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    public int DocumentFrequency(string term) =>
        _termIds.TryGetValue(term, out var id) ? _postings[id].Count : 0;

    private int TermId(string term)
    {
        if (!_termIds.TryGetValue(term, out var id))
        {
            id = _postings.Count;
            _termIds.Add(term, id);
            _postings.Add([]);
        }
        return id;
    }

    private static int FindSlot(List<Posting> list, int slot)
    {
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = list[mid].Slot;
            if (s == slot)
            {
                return mid;
            }
            if (s < slot)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return ~lo;
    }

    /// <summary>
    /// Gives back the spare room that growing posting lists keep (up to half of each list after
    /// many single additions): worth calling after a large load, not after every change.
    /// </summary>
    public void TrimExcess()
    {
        foreach (var list in _postings)
        {
            list.TrimExcess();
        }
    }

    public void Reserve(int slots)
    {
        if (slots > _slotTerms.Length)
        {
            Array.Resize(ref _slotTerms, slots);
            Array.Resize(ref _titleLength, slots);
            Array.Resize(ref _bodyLength, slots);
        }
    }

    private void EnsureCapacity(int slots)
    {
        if (slots > _slotTerms.Length)
        {
            Reserve(Math.Max(slots, Math.Max(16, _slotTerms.Length * 3 / 2)));
        }
    }

    private readonly record struct Posting(int Slot, ushort Title, ushort Body);

    private readonly record struct LengthNorm(double B, double InverseAverage)
    {
        public double Inverse(float length) => 1 / (1 - B + (B * length * InverseAverage));
    }
}
