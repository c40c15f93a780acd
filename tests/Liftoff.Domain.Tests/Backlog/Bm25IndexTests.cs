using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class Bm25IndexTests
{
    private static readonly Bm25Parameters Parameters = new()
    {
        K1 = 1.2,
        TitleWeight = 2,
        TitleB = 0.75,
        BodyB = 0.75,
        QueryTitleWeight = 1,
        MaxBodyTerms = 100,
    };

    private static Bm25Index ThreeDocuments()
    {
        var index = new Bm25Index(Parameters);
        index.Set(0, ["disk"], ["full", "disk", "error"]);
        index.Set(1, ["network"], ["timeout"]);
        index.Set(2, ["disk", "quota"], []);
        return index;
    }

    private static float[] Score(Bm25Index index, IReadOnlyList<string> title, IReadOnlyList<string> body,
        int slots = 3)
    {
        var scores = new float[slots];
        index.Score(Bm25Query.From(title, body, Parameters), scores);
        return scores;
    }

    [Fact]
    public void Score_OneTermQuery_MatchesHandComputedBm25F()
    {
        // idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6; average title and body length 4/3.
        // Slot 0: title 2·1/(0.25 + 0.75·1/(4/3)) = 2.461538, body 1/(0.25 + 0.75·3/(4/3)) = 0.516129,
        //         tf = 2.977667, score = ln 1.6 · tf/(1.2 + tf) = 0.334999.
        // Slot 2: title 2·1/(0.25 + 0.75·2/(4/3)) = 1.454545, score = ln 1.6 · 0.547945 = 0.257536.
        var scores = Score(ThreeDocuments(), [], ["disk"]);

        Assert.Equal(0.334999, scores[0], 5);
        Assert.Equal(0.0, scores[1], 5);
        Assert.Equal(0.257536, scores[2], 5);
    }

    [Fact]
    public void Score_RepeatedQueryTerm_WeighsByOccurrences()
    {
        var index = ThreeDocuments();

        var once = Score(index, [], ["disk"]);
        var twice = Score(index, [], ["disk", "disk"]);

        Assert.Equal(2 * once[0], twice[0], 5);
    }

    [Fact]
    public void Score_TermOnlyInTitle_CountsTitleWeight()
    {
        var index = new Bm25Index(Parameters);
        index.Set(0, ["quota"], ["other"]);
        index.Set(1, ["other"], ["quota"]);
        index.Set(2, ["x"], ["y"]);

        var scores = Score(index, [], ["quota"]);

        Assert.True(scores[0] > scores[1]);
    }

    [Fact]
    public void Remove_IndexedSlot_DropsItsScoresAndCount()
    {
        var index = ThreeDocuments();

        index.Remove(0);

        Assert.Equal(2, index.Count);
        Assert.Equal(0, Score(index, [], ["error"])[0]);
        Assert.Equal(1, index.DocumentFrequency("disk"));
    }

    [Fact]
    public void Set_ExistingSlot_ReplacesItsTerms()
    {
        var index = ThreeDocuments();

        index.Set(1, ["disk"], []);

        Assert.Equal(3, index.Count);
        Assert.Equal(0, index.DocumentFrequency("network"));
        Assert.Equal(3, index.DocumentFrequency("disk"));
    }

    [Fact]
    public void Set_BodyLongerThanCap_IndexesOnlyItsStart()
    {
        var index = new Bm25Index(Parameters with { MaxBodyTerms = 2 });

        index.Set(0, [], ["first", "second", "third"]);

        Assert.Equal(1, index.DocumentFrequency("second"));
        Assert.Equal(0, index.DocumentFrequency("third"));
    }

    [Fact]
    public void SelfScore_Query_EqualsScoreOfIdenticalDocumentOnceIndexed()
    {
        var index = ThreeDocuments();
        var query = Bm25Query.From(["disk", "latency"], ["slow", "disk"], Parameters);

        var self = index.SelfScore(query);
        index.Set(3, ["disk", "latency"], ["slow", "disk"]);
        var scores = new float[4];
        index.Score(query, scores);

        Assert.Equal(self, scores[3], 4);
        Assert.True(scores.Take(3).All(s => s < self));
    }
}
