namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Half-open ranges of the original text, merged and sorted once so that each lookup is a binary
/// search: a megabyte of comments or repeated approved statements must not make checks quadratic.
/// </summary>
internal sealed class RangeSet
{
    private readonly (int Start, int End)[] _ranges;

    public RangeSet(IEnumerable<(int Start, int End)> ranges)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }
        _ranges = [.. merged];
    }

    public bool Contains(int position) => Covering(position) is { } r && position < r.End;

    public bool ContainsSpan(int start, int end) => Covering(start) is { } r && end <= r.End;

    /// <summary>The last range starting at or before <paramref name="position"/>.</summary>
    private (int Start, int End)? Covering(int position)
    {
        int lo = 0, hi = _ranges.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_ranges[mid].Start <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : _ranges[found];
    }
}
