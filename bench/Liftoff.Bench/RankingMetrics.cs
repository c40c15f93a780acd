namespace Liftoff.Bench;

/// <summary>Recall at 1, 5, 10, 20 and mean reciprocal rank, accumulated per query.</summary>
public sealed class RankingMetrics
{
    private static readonly int[] Cutoffs = [1, 5, 10, 20];
    private readonly double[] _recall = new double[Cutoffs.Length];
    private double _reciprocalRanks;

    public int Queries { get; private set; }

    /// <summary>Adds one query's ranking (ids best first, the query itself already left out).</summary>
    public void Add(IReadOnlyList<long> ranking, IReadOnlySet<long> relevant)
    {
        Queries++;
        var firstHit = 0;
        for (var k = 0; k < Cutoffs.Length; k++)
        {
            var found = ranking.Take(Cutoffs[k]).Count(relevant.Contains);
            _recall[k] += (double)found / relevant.Count;
        }
        for (var i = 0; i < ranking.Count; i++)
        {
            if (relevant.Contains(ranking[i]))
            {
                firstHit = i + 1;
                break;
            }
        }
        _reciprocalRanks += firstHit == 0 ? 0 : 1.0 / firstHit;
    }

    /// <summary>Recall at 1, 5, 10 and 20, in percent.</summary>
    public double Recall(int cutoff) => 100 * _recall[Array.IndexOf(Cutoffs, cutoff)] / Math.Max(1, Queries);

    public double Mrr => 100 * _reciprocalRanks / Math.Max(1, Queries);
}
