using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class VectorIndexTests
{
    [Fact]
    public void Score_UnitVectors_GivesCosine()
    {
        var index = new VectorIndex(2);
        index.Set(0, [1, 0]);
        index.Set(1, [0, 1]);
        index.Set(2, [MathF.Sqrt(0.5f), MathF.Sqrt(0.5f)]);
        var scores = new float[3];

        index.Score([1, 0], scores, 3);

        Assert.Equal([1f, 0f, MathF.Sqrt(0.5f)], scores);
    }

    [Fact]
    public void Set_VectorNotOfUnitLength_IsNormalised()
    {
        var index = new VectorIndex(2);

        index.Set(0, [3, 4]);

        Assert.Equal([0.6f, 0.8f], index.Get(0).ToArray());
    }

    [Fact]
    public void Set_WrongDimension_Throws()
    {
        var index = new VectorIndex(3);

        Assert.Throws<ArgumentException>(() => index.Set(0, [1, 0]));
    }

    [Fact]
    public void Remove_Slot_ScoresZeroAndIsNotContained()
    {
        var index = new VectorIndex(2);
        index.Set(0, [1, 0]);
        var scores = new float[1];

        index.Remove(0);
        index.Score([1, 0], scores, 1);

        Assert.False(index.Contains(0));
        Assert.Equal(0f, scores[0]);
    }

    [Fact]
    public void Score_ManyRowsSplitOverCores_MatchesOneByOne()
    {
        const int rows = 40_000;
        var random = new Random(7);
        var index = new VectorIndex(8);
        var vectors = new float[rows][];
        for (var s = 0; s < rows; s++)
        {
            vectors[s] = Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            index.Set(s, vectors[s]);
        }
        var query = index.Get(123).ToArray();
        var scores = new float[rows];

        index.Score(query, scores, rows);

        for (var s = 0; s < rows; s += 997)
        {
            var expected = query.Zip(index.Get(s).ToArray(), (a, b) => a * b).Sum();
            Assert.Equal(expected, scores[s], 4);
        }
        Assert.Equal(1f, scores[123], 4);
    }
}
