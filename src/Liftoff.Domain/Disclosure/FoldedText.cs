using System.Buffers;
using System.Net;

namespace Liftoff.Domain.Disclosure;

/// <summary>
/// The text as the matcher reads it: markup removed, entities decoded, characters folded, and the
/// hidden parts (attribute values, comments) appended as separate blocks. Every folded character
/// remembers the original range it came from, so findings point into the text the caller gave.
/// </summary>
internal sealed partial class FoldedText : IDisposable
{
    private char[] _chars;
    private bool[] _upper;
    private int[] _from;
    private int[] _to;
    private int _capacity;

    // Buffers are rented: a newsletter needs several hundred kilobytes, and fresh arrays of that
    // size land on the large object heap and make every check pay for a full collection.
    private FoldedText(int capacity)
    {
        _chars = ArrayPool<char>.Shared.Rent(capacity);
        _upper = ArrayPool<bool>.Shared.Rent(capacity);
        _from = ArrayPool<int>.Shared.Rent(capacity);
        _to = ArrayPool<int>.Shared.Rent(capacity);
        _capacity = Math.Min(Math.Min(_chars.Length, _upper.Length), Math.Min(_from.Length, _to.Length));
    }

    public int Length { get; private set; }

    /// <summary>Original ranges a reader does not see; filled while reading, then sealed into <see
    /// cref="Hidden"/>.</summary>
    public List<(int Start, int End)> HiddenRanges { get; } = [];

    public RangeSet Hidden { get; private set; } = new([]);

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public bool IsUpper(int index) => _upper[index];

    /// <summary>Original range [start, end) covered by folded characters [first, last).</summary>
    public (int Start, int End) Original(int first, int last) => (_from[first], _to[last - 1]);

    public bool IsHidden(int originalStart) => Hidden.Contains(originalStart);

    public static FoldedText From(string text)
    {
        var folded = new FoldedText(text.Length + 16);
        var attributes = new List<(int Start, int End)>();
        var comments = new List<(int Start, int End)>();
        MarkupReader.Read(text, folded, attributes, comments);
        foreach (var (start, end) in comments)
        {
            folded.AppendBreak(start);
            MarkupReader.ReadComment(text, start, end, folded, attributes);
            folded.AppendBreak(end);
        }
        foreach (var (start, end) in attributes)
        {
            folded.AppendBreak(start);
            folded.AppendPlain(text, start, end);
            folded.AppendBreak(end);
            folded.HiddenRanges.Add((start, end));
        }
        MarkdownHiddenParts.Mark(text, folded.HiddenRanges);
        folded.JoinSpelledOutWords();
        folded.Hidden = new RangeSet(folded.HiddenRanges);
        return folded;
    }

    public void AppendBreak(int at) => Append(CharFolding.Break, false, at, at);

    /// <summary>Appends source text with entities decoded but tags left as they are.</summary>
    public void AppendPlain(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            i = AppendOne(text, i) - 1;
        }
    }

    /// <summary>Appends the character or entity at <paramref name="i"/>; returns the index after it.</summary>
    public int AppendOne(string text, int i)
    {
        if (text[i] == '&' && TryDecodeEntity(text, i, out var decoded, out var next))
        {
            foreach (var d in decoded)
            {
                AppendFolded(d, i, next);
            }
            return next;
        }
        AppendFolded(text[i], i, i + 1);
        return i + 1;
    }

    private void AppendFolded(char original, int from, int to)
    {
        var f = CharFolding.Fold(original);
        if (f != CharFolding.Dropped)
        {
            Append(f, original < 0x80 ? char.IsAsciiLetterUpper(original) : char.IsUpper(original), from, to);
        }
    }

    private void Append(char c, bool upper, int from, int to)
    {
        if (Length == _capacity)
        {
            var size = Length * 2;
            Grow(ref _chars, size);
            Grow(ref _upper, size);
            Grow(ref _from, size);
            Grow(ref _to, size);
            _capacity = Math.Min(Math.Min(_chars.Length, _upper.Length), Math.Min(_from.Length, _to.Length));
        }
        _chars[Length] = c;
        _upper[Length] = upper;
        _from[Length] = from;
        _to[Length] = to;
        Length++;
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<bool>.Shared.Return(_upper);
        ArrayPool<int>.Shared.Return(_from);
        ArrayPool<int>.Shared.Return(_to);
        _chars = [];
        _upper = [];
        _from = [];
        _to = [];
    }

    private void Grow<T>(ref T[] array, int size)
    {
        if (array.Length >= size)
        {
            return;
        }
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }

    private static bool TryDecodeEntity(string text, int amp, out string decoded, out int next)
    {
        decoded = string.Empty;
        next = amp + 1;
        var limit = Math.Min(text.Length, amp + 12);
        for (var j = amp + 1; j < limit; j++)
        {
            var c = text[j];
            if (c == ';')
            {
                if (j == amp + 1)
                {
                    return false;
                }
                var entity = text.Substring(amp, j - amp + 1);
                decoded = WebUtility.HtmlDecode(entity);
                next = j + 1;
                return decoded != entity;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c != '#')
            {
                return false;
            }
        }
        return false;
    }
}
