using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class ScoreFusionTests
{
    [Fact]
    public void NormaliseText_ScoresAboveSelfScore_AreCappedAtOne()
    {
        float[] text = [0, 2, 4, 6];

        ScoreFusion.NormaliseText(text, 4);

        Assert.Equal([0f, 0.5f, 1f, 1f], text);
    }

    [Fact]
    public void NormaliseText_NoSelfScore_ClearsScores()
    {
        float[] text = [1, 2];

        ScoreFusion.NormaliseText(text, 0);

        Assert.Equal([0f, 0f], text);
    }

    [Fact]
    public void Fuse_TextAndCosine_IsWeightedMeanWithNegativeCosineAsZero()
    {
        float[] text = [1, 0.5f, 0];
        float[] cosine = [1, 0.5f, -0.4f];
        var fused = new float[3];

        ScoreFusion.Fuse(text, cosine, 0.25, fused);

        Assert.Equal(1f, fused[0], 5);
        Assert.Equal(0.5f, fused[1], 5);
        Assert.Equal(0f, fused[2], 5);
        Assert.Equal((0.5 + (0.25 * 0.9)) / 1.25, ScoreFusion.Fuse(0.5, 0.9, 0.25), 10);
    }

    [Fact]
    public void Top_Scores_BestFirstTiesByLowerSlot()
    {
        float[] fused = [0.2f, 0.9f, 0.5f, 0.9f, 0.1f];

        var top = ScoreFusion.Top(fused, 3, _ => true);

        Assert.Equal([1, 3, 2], top);
    }

    [Fact]
    public void Top_IncludeFilterAndZeroScores_AreLeftOut()
    {
        float[] fused = [0.8f, 0.9f, 0f, 0.3f];

        var top = ScoreFusion.Top(fused, 10, s => s != 1);

        Assert.Equal([0, 3], top);
    }
}
