namespace Liftoff.Domain.Disclosure;

/// <summary>What each sentence talks about, for deciding whether a date in it is a release date.</summary>
internal sealed class SentenceFacts
{
    private readonly bool[] _releaseTalk;
    private readonly bool[] _productTalk;
    private readonly bool[] _eventTalk;

    /// <param name="publicNames">Words of public item names ("LiDAR payload LX200") say nothing about an unreleased
    /// product.</param>
    public SentenceFacts(TokenView v, List<NameMatch> publicNames)
    {
        var insidePublicName = new HashSet<int>(publicNames.SelectMany(m =>
            Enumerable.Range(m.FirstToken, m.TokenCount)));
        var count = v.Count == 0 ? 1 : v.Tokens[^1].Sentence + 1;
        _releaseTalk = new bool[count];
        _productTalk = new bool[count];
        _eventTalk = new bool[count];
        for (var k = 0; k < v.Count; k++)
        {
            var s = v.Tokens[k].Sentence;
            var c = v.Class(k);
            var phrasal = IsPhrasalRelease(v, k, v.Word(k));
            _releaseTalk[s] |= (c & WordClass.Release) != 0 || phrasal;
            _productTalk[s] |= (c & WordClass.Product) != 0 && !insidePublicName.Contains(k);
            _eventTalk[s] |= (c & WordClass.Event) != 0 && !phrasal;
        }
    }

    /// <summary>A release is talked about with a product, and the sentence is not about an event, an order or an
    /// offer.</summary>
    public bool IsAboutRelease(int sentence) => _releaseTalk[sentence] && _productTalk[sentence]
        && !_eventTalk[sentence];

    public bool HasReleaseTalk(int sentence) => _releaseTalk[sentence];

    /// <summary>A sentence about a version that has shipped ("Firmware 3.3.2 ships with …") is not about the
    /// roadmap.</summary>
    public void MarkReleasedVersion(int sentence) => _eventTalk[sentence] = true;

    public void MarkUpcomingRelease(int sentence)
    {
        _releaseTalk[sentence] = true;
        _productTalk[sentence] = true;
    }

    private static bool IsPhrasalRelease(TokenView v, int k, ReadOnlySpan<char> word) =>
        (word is "live" && v.Word(k - 1) is "go" or "goes" or "going" or "went" or "gone") ||
        (word is "out" && v.Word(k - 1) is "roll" or "rolls" or "rolling" or "rolled") ||
        (word is "order" or "orders" && v.Word(k - 1) is "pre") ||
        (word is "way" && v.Word(k - 1) is "its" or "their" or "the" && v.Word(k - 2) is "on");
}
