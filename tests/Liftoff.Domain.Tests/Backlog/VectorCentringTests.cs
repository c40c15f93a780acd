using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class VectorCentringTests
{
    private static readonly float[] Common = [0, 0, 0, 1];

    [Fact]
    public void Score_RowsSharingADirection_CentredCosinesSpreadApart()
    {
        var plain = new VectorIndex(4, fullPrecision: true);
        var centred = new VectorIndex(4, fullPrecision: true, new VectorCentring(Prior: 0));
        float[][] rows = [Row(1, 0, 0), Row(0, 1, 0), Row(0, 0, 1), Row(-1, 0, 0)];
        for (var i = 0; i < rows.Length; i++)
        {
            plain.Set(i, rows[i]);
            centred.Set(i, rows[i]);
        }
        var before = new float[4];
        var after = new float[4];

        plain.Score(Row(1, 0, 0), before, 4);
        centred.Score(Row(1, 0, 0), after, 4);

        // Every row is close to every other as embedded; less the shared direction, only the same row is.
        Assert.All(before, s => Assert.True(s > 0.5f, $"as embedded {s}"));
        Assert.Equal(1f, after[0], 3);
        Assert.True(after[1] < 0.1f && after[2] < 0.1f, $"centred {after[1]}, {after[2]}");
        Assert.True(after[3] < -0.5f, $"the opposite row {after[3]}");
    }

    [Fact]
    public void Remove_AndReplace_LeaveTheSameScoresAsBuildingWithoutThem()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 40).Select(_ => Noisy(random)).ToArray();
        var changed = new VectorIndex(4, centring: new VectorCentring(Prior: 0));
        var direct = new VectorIndex(4, centring: new VectorCentring(Prior: 0));
        for (var i = 0; i < rows.Length; i++)
        {
            changed.Set(i, Noisy(random));
            direct.Set(i, rows[i]);
        }
        for (var i = 0; i < rows.Length; i++)
        {
            changed.Set(i, rows[i]);
        }
        changed.Set(40, Noisy(random));
        changed.Remove(40);
        changed.Recentre();
        direct.Recentre();
        var query = Noisy(random);
        var a = new float[41];
        var b = new float[41];

        changed.Score(query, a, 40);
        direct.Score(query, b, 40);

        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(b[i], a[i], 3);
        }
    }

    [Fact]
    public void Score_FewRowsWithTheDefaultPrior_AreHardlyCentred()
    {
        var index = new VectorIndex(4, fullPrecision: true, new VectorCentring());
        index.Set(0, Row(1, 0, 0));
        index.Set(1, Row(0, 1, 0));
        index.Set(2, Row(0, 0, 1));
        index.Set(3, Row(1, 1, 0));
        index.Recentre();
        var scores = new float[4];

        index.Score(Row(0, 1, 0), scores, 4);

        // Four rows against a prior of 100: the mean is a twenty-sixth of theirs, cosines hardly move from 0.8.
        Assert.InRange(scores[0], 0.77f, 0.8f);
        Assert.Equal(1f, scores[1], 3);
    }

    private static float[] Row(float x, float y, float z) => Unit([x * 0.5f, y * 0.5f, z * 0.5f, Common[3]]);

    private static float[] Noisy(Random random) =>
        Unit([.. Enumerable.Range(0, 3).Select(_ => (float)(random.NextDouble() - 0.5)), 1]);

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}

public class WordsOnlyRequestTests
{
    [Fact]
    public void Search_RequestNotEmbeddedYet_ScoresByItsWordsAlone()
    {
        using var index = new SimilarRequestIndex(new HashedBagOfWordsEmbedder());
        index.UpsertMany(
        [
            new(1, "Dark mode for the dashboard", "The dashboard is too bright at night."),
            new(2, "Email digest of new releases", "A weekly email listing the releases that went out."),
        ]);
        index.UpsertMany([new(3, "Propeller wear counter", null)], embedMissing: false);

        var results = index.Search("propeller wear counter", null);

        var hit = Assert.Single(results, r => r.Id == 3);
        Assert.Equal(0, hit.MeaningScore);
        Assert.Equal(hit.TextScore, hit.Score, 5);
        Assert.True(hit.Score > 0.9, $"score {hit.Score}");
        Assert.Equal(3, results[0].Id);
    }
}
