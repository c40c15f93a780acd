using System.Globalization;
using Liftoff.Web.Features.Backlog.Similarity;

namespace Liftoff.Bench;

/// <summary>
/// How long an import's new requests wait, after its last row is written, to be found by their words (indexed) and
/// by their meaning (their vector indexed): the index's counts sampled while the import runs and after.
/// </summary>
internal sealed class ImportFreshness(SimilarRequestEngine engine)
{
    private readonly int _before = engine.Indexed;
    private readonly List<(double Seconds, int Indexed, int Pending)> _samples = [];

    public void Sample(double seconds) => _samples.Add((seconds, engine.Indexed, engine.PendingEmbeddings));

    /// <summary>Seconds after <paramref name="writtenAt"/> until every new request was found by its words, and until
    /// half and 95 % were found by their meaning; <paramref name="others"/> requests saved meanwhile are not the
    /// import's.</summary>
    public (double Words, double MeaningP50, double MeaningP95, int Rows) After(double writtenAt, int others)
    {
        var rows = engine.Indexed - _before - others;
        var after = _samples.Where(s => s.Seconds >= writtenAt).ToList();
        double Until(Func<(double Seconds, int Indexed, int Pending), bool> done) =>
            after.FirstOrDefault(done) is { Seconds: > 0 } s ? s.Seconds - writtenAt : double.NaN;
        int Waiting((double Seconds, int Indexed, int Pending) s) =>
            s.Pending + Math.Max(0, rows - (s.Indexed - _before));
        var figures = (
            Until(s => s.Indexed - _before >= rows),
            Until(s => Waiting(s) <= rows * 0.5),
            Until(s => Waiting(s) <= rows * 0.05),
            rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported requests: {rows} new, all found by their words {figures.Item1:F1} s after the import was " +
            $"written; by their meaning: half after {figures.Item2:F1} s, 95 % after {figures.Item3:F1} s"));
        return figures;
    }
}
