namespace Liftoff.Domain.Disclosure;

/// <summary>How a guard did on a labelled corpus.</summary>
public sealed record DisclosureEvaluation(
    int Cases,
    int Leaks,
    int Clean,
    IReadOnlyList<CorpusCase> Misses,
    IReadOnlyList<(CorpusCase Case, DisclosureResult Result)> FalseAlarms)
{
    /// <summary>Share of leaking texts that were stopped.</summary>
    public double Recall => Leaks == 0 ? 1 : (Leaks - Misses.Count) / (double)Leaks;

    /// <summary>Share of clean texts that were stopped anyway.</summary>
    public double FalsePositiveRate => Clean == 0 ? 0 : FalseAlarms.Count / (double)Clean;

    public static DisclosureEvaluation Run(DisclosureCorpus corpus, DisclosureGuard guard)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(guard);
        var misses = new List<CorpusCase>();
        var falseAlarms = new List<(CorpusCase, DisclosureResult)>();
        foreach (var c in corpus.Cases)
        {
            var result = guard.Check(c.Text, c.Audience, c.Approved, corpus.Today);
            if (c.Leak && result.IsClear)
            {
                misses.Add(c);
            }
            else if (!c.Leak && !result.IsClear)
            {
                falseAlarms.Add((c, result));
            }
        }
        var leaks = corpus.Cases.Count(c => c.Leak);
        return new DisclosureEvaluation(corpus.Cases.Count, leaks, corpus.Cases.Count - leaks, misses, falseAlarms);
    }
}
