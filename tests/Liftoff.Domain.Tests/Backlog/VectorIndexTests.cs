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

        // Rows are stored as 8-bit codes: cosines are exact to about 0.001.
        Assert.Equal(1f, scores[0], 3);
        Assert.Equal(0f, scores[1], 3);
        Assert.Equal(MathF.Sqrt(0.5f), scores[2], 3);
    }

    [Fact]
    public void Set_VectorNotOfUnitLength_IsNormalised()
    {
        var index = new VectorIndex(2);

        index.Set(0, [3, 4]);

        var stored = index.Get(0);
        Assert.Equal(0.6f, stored[0], 2);
        Assert.Equal(0.8f, stored[1], 2);
    }

    [Fact]
    public void Score_RealisticVectors_StaysWithinAThousandthOfFloatCosine()
    {
        var random = new Random(3);
        var index = new VectorIndex(384);
        var rows = Enumerable.Range(0, 50).Select(_ => Unit(random, 384)).ToArray();
        for (var s = 0; s < rows.Length; s++)
        {
            index.Set(s, rows[s]);
        }
        var query = Unit(random, 384);
        var scores = new float[rows.Length];

        index.Score(query, scores, rows.Length);

        for (var s = 0; s < rows.Length; s++)
        {
            Assert.Equal(query.Zip(rows[s], (a, b) => a * b).Sum(), scores[s], 0.001f);
        }
    }

    [Fact]
    public void Score_FullPrecision_GivesTheFloatCosineAndRemovesRows()
    {
        var random = new Random(5);
        var index = new VectorIndex(384, fullPrecision: true);
        var rows = Enumerable.Range(0, 20).Select(_ => Unit(random, 384)).ToArray();
        for (var s = 0; s < rows.Length; s++)
        {
            index.Set(s, rows[s].Select(x => x * 3).ToArray());
        }
        index.Remove(7);
        var query = Unit(random, 384);
        var scores = new float[rows.Length];

        index.Score(query, scores, rows.Length);

        Assert.Equal(query.Zip(rows[2], (a, b) => a * b).Sum(), scores[2], 0.00001f);
        Assert.False(index.Contains(7));
        Assert.Equal(0f, scores[7]);
    }

    [Fact]
    public void Set_ZeroVector_ScoresZero()
    {
        var index = new VectorIndex(2);
        index.Set(0, [0, 0]);
        var scores = new float[1];

        index.Score([1, 0], scores, 1);

        Assert.True(index.Contains(0));
        Assert.Equal(0f, scores[0]);
    }

    private static float[] Unit(Random random, int dimension)
    {
        var v = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    [Fact]
    public void Set_WrongDimension_Throws()
    {
        var index = new VectorIndex(3);

        Assert.Throws<ArgumentException>(() => index.Set(0, [1, 0]));
    }

    [Fact]
    public void Score_QueryOfWrongDimension_Throws()
    {
        var index = new VectorIndex(3);
        index.Set(0, [1, 0, 0]);

        Assert.Throws<ArgumentException>(() => index.Score([1, 0], new float[1], 1));
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
        var query = index.Get(123);
        var scores = new float[rows];

        index.Score(query, scores, rows);

        for (var s = 0; s < rows; s += 997)
        {
            var expected = query.Zip(index.Get(s), (a, b) => a * b).Sum();
            Assert.Equal(expected, scores[s], 3);
        }
        Assert.Equal(1f, scores[123], 2);
    }
}
