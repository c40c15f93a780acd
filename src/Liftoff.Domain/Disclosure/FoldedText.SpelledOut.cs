namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Letters written one by one ("Q.u.a.n.t.u.m", "N I G H T", "k-e-s-t-r-e-l") are joined into one
/// word, so the name scanner reads them as the word a reader does.
/// </summary>
internal sealed partial class FoldedText
{
    private const int MinSpelledLetters = 3;

    /// <summary>
    /// Removes the separators inside every run of at least three single letters or digits with the
    /// same kind of separator between them; runs of digits alone ("1.2.3", "5 3 2027") stay as they
    /// are, and the characters kept still point at the original text.
    /// </summary>
    public void JoinSpelledOutWords()
    {
        List<(int Start, int End)>? separators = null;
        var i = 0;
        while (i < Length)
        {
            if (!IsSingle(i))
            {
                i++;
                continue;
            }
            var (last, units, letters, brokeOnKind) = Run(i);
            if (units >= MinSpelledLetters && letters >= MinSpelledLetters && letters * 2 > units)
            {
                separators ??= [];
                for (var p = i + 1; p < last; p++)
                {
                    if (!char.IsLetterOrDigit(_chars[p]))
                    {
                        separators.Add((p, p + 1));
                    }
                }
                i = last + 1;
            }
            else
            {
                // A run cut short by another kind of separator may start the next run at its last letter.
                i = brokeOnKind && last > i ? last : last + 1;
            }
        }
        if (separators is not null)
        {
            Remove(separators);
        }
    }

    /// <summary>The run of single characters starting at <paramref name="first"/>.</summary>
    private (int Last, int Units, int Letters, bool BrokeOnKind) Run(int first)
    {
        var last = first;
        var units = 1;
        var letters = char.IsLetter(_chars[first]) ? 1 : 0;
        var kind = -1;
        while (true)
        {
            var next = last + 1;
            while (next < Length && next - last <= 3 && IsSeparator(_chars[next]))
            {
                next++;
            }
            if (next == last + 1 || next >= Length || !IsSingle(next))
            {
                return (last, units, letters, false);
            }
            var gapKind = Kind(last + 1, next);
            if (kind >= 0 && gapKind != kind)
            {
                return (last, units, letters, true);
            }
            kind = gapKind;
            last = next;
            units++;
            letters += char.IsLetter(_chars[next]) ? 1 : 0;
        }
    }

    /// <summary>Spaces alone (by count) or marks with some spaces: "Q.u.a D.o.c" holds two runs.</summary>
    private int Kind(int start, int end)
    {
        var spaces = 0;
        for (var p = start; p < end; p++)
        {
            spaces += _chars[p] == ' ' ? 1 : 0;
        }
        return spaces == end - start ? spaces : 10 + spaces;
    }

    private bool IsSingle(int p) =>
        char.IsLetterOrDigit(_chars[p]) &&
        (p == 0 || !char.IsLetterOrDigit(_chars[p - 1])) &&
        (p + 1 >= Length || !char.IsLetterOrDigit(_chars[p + 1]));

    private static bool IsSeparator(char c) =>
        c is '.' or ' ' or '-' or '_' or '/' or '|' or '+' or '\u00B7' or '\u2022';

    private void Remove(List<(int Start, int End)> ranges)
    {
        var write = ranges[0].Start;
        var read = write;
        foreach (var (start, end) in ranges)
        {
            for (; read < start; read++, write++)
            {
                Move(read, write);
            }
            read = end;
        }
        for (; read < Length; read++, write++)
        {
            Move(read, write);
        }
        Length = write;
    }

    private void Move(int from, int to)
    {
        _chars[to] = _chars[from];
        _upper[to] = _upper[from];
        _from[to] = _from[from];
        _to[to] = _to[from];
    }
}
