using System.Buffers;

namespace Liftoff.Domain.Disclosure;

/// <summary>The tokens of one folded text with read helpers; owns the rented buffers of both.</summary>
internal sealed class TokenView : IDisposable
{
    private Token[] _tokens;
    private WordClass[] _classes;

    public TokenView(FoldedText text, Dictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> vocabulary)
    {
        Text = text;
        (_tokens, Count) = TextTokens.Split(text);
        // One dictionary probe per token serves every rule that asks what a word signals.
        _classes = ArrayPool<WordClass>.Shared.Rent(Math.Max(1, Count));
        for (var k = 0; k < Count; k++)
        {
            var t = _tokens[k];
            var c = !t.IsDigits && vocabulary.TryGetValue(Word(k), out var found) ? found : WordClass.None;
            if (t.OffsetInWord > 0 && t.OffsetInWord + t.Length == t.WordLength
                && vocabulary.TryGetValue(WordUpTo(k), out var whole))
            {
                c |= whole & (
                    WordClass.Product | WordClass.UpcomingNoun | WordClass.VersionContext | WordClass.LegalForm);
            }
            _classes[k] = c;
        }
    }

    public FoldedText Text { get; }

    public ReadOnlySpan<Token> Tokens => _tokens.AsSpan(0, Count);

    public int Count { get; }

    /// <summary>What token k signals; for the last part of a split word ("AeroPlan") the whole word counts
    /// too.</summary>
    public WordClass Class(int k) => k >= 0 && k < Count ? _classes[k] : WordClass.None;

    public bool Has(int k, WordClass c) => (Class(k) & c) != 0;

    public void Dispose()
    {
        ArrayPool<Token>.Shared.Return(_tokens);
        ArrayPool<WordClass>.Shared.Return(_classes);
        _tokens = [];
        _classes = [];
        Text.Dispose();
    }

    public ReadOnlySpan<char> Word(int k) =>
        k >= 0 && k < Count ? Text.Chars.Slice(Tokens[k].Start, Tokens[k].Length) : [];

    /// <summary>The letter/digit run up to the end of token k ("aeroplan" for the "plan" of "AeroPlan5").</summary>
    public ReadOnlySpan<char> WordUpTo(int k)
    {
        if (k < 0 || k >= Count)
        {
            return [];
        }
        var t = Tokens[k];
        return Text.Chars.Slice(t.Start - t.OffsetInWord, t.OffsetInWord + t.Length);
    }

    public bool Is(int k, string word) => Word(k).SequenceEqual(word);

    /// <summary>The number at token k when it has at most <paramref name="maxDigits"/> digits, else -1.</summary>
    public int Number(int k, int maxDigits = 4)
    {
        if (k < 0 || k >= Count || !Tokens[k].IsDigits || Tokens[k].Length > maxDigits)
        {
            return -1;
        }
        var value = 0;
        foreach (var c in Word(k))
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }
            value = (value * 10) + (c - '0');
        }
        return value;
    }

    public int Year(int k) => Count > k && k >= 0 && Tokens[k].Length == 4 && Number(k) is var y
        && CalendarPeriod.IsYear(y) ? y : -1;

    /// <summary>The characters between token k-1 and token k.</summary>
    public ReadOnlySpan<char> GapText(int k) =>
        k <= 0 || k >= Count ? [] : Text.Chars[Tokens[k - 1].End..Tokens[k].Start];

    public bool SameSentence(int a, int b) =>
        a >= 0 && b >= 0 && a < Count && b < Count && Tokens[a].Sentence == Tokens[b].Sentence;

    public (int Start, int End) Original(int firstToken, int lastToken) =>
        Text.Original(Tokens[firstToken].Start, Tokens[lastToken].End);
}
