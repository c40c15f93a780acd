using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class CorpusTests
{
    private static DisclosureCorpus Load(string file = "disclosure-corpus.json") =>
        DisclosureCorpus.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Disclosure", file)),
            DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));

    [Fact]
    public void Corpus_HasEnoughLeakingAndCleanCases()
    {
        var corpus = Load();

        Assert.True(corpus.Cases.Count >= 150, $"only {corpus.Cases.Count} cases");
        Assert.True(corpus.Cases.Count(c => c.Leak) >= 60);
        Assert.True(corpus.Cases.Count(c => !c.Leak) >= 60);
        Assert.Equal(new DateOnly(2026, 11, 26), corpus.Today);
    }

    [Fact]
    public void Evaluate_Corpus_RecallAtLeast97PercentAndFalsePositivesAtMost3Percent()
    {
        var corpus = Load();

        var evaluation = DisclosureEvaluation.Run(corpus, new DisclosureGuard(corpus.Items));

        var misses = string.Join("\n", evaluation.Misses.Select(m => "miss: " + m.Text));
        var alarms = string.Join("\n", evaluation.FalseAlarms.Select(a => "false alarm: " + a.Case.Text));
        Assert.True(evaluation.Recall >= 0.97, $"recall {evaluation.Recall:F3}\n{misses}");
        Assert.True(evaluation.FalsePositiveRate <= 0.03,
            $"false positive rate {evaluation.FalsePositiveRate:F3}\n{alarms}");
    }

    /// <summary>
    /// Texts and names the guard was not tuned on (obfuscated names among them), kept apart so the
    /// figures say how it does on words it has not seen.
    /// </summary>
    [Fact]
    public void Evaluate_HeldOutCorpus_RecallAtLeast90PercentAndFalsePositivesAtMost10Percent()
    {
        var corpus = Load("disclosure-corpus-heldout.json");

        var evaluation = DisclosureEvaluation.Run(corpus, new DisclosureGuard(corpus.Items));

        var misses = string.Join("\n", evaluation.Misses.Select(m => "miss: " + m.Text));
        var alarms = string.Join("\n", evaluation.FalseAlarms.Select(a => "false alarm: " + a.Case.Text));
        Assert.True(evaluation.Recall >= 0.90, $"recall {evaluation.Recall:F3}\n{misses}");
        Assert.True(evaluation.FalsePositiveRate <= 0.10,
            $"false positive rate {evaluation.FalsePositiveRate:F3}\n{alarms}");
    }

    [Fact]
    public void Parse_CorpusWithOnlyRequiredFields_UsesFallbackTodayAndWorks()
    {
        const string json = """
            {"items":[{"title":"AeroMap X2","codename":"Skyhawk","aliases":["X2 airframe"],"target":"2027-Q2",
                       "public":false}],
             "cases":[{"text":"Skyhawk flies.","leak":true},{"text":"Hello partners.","leak":false}]}
            """;
        var fallback = new DateOnly(2026, 1, 1);

        var corpus = DisclosureCorpus.Parse(json, fallback);
        var evaluation = DisclosureEvaluation.Run(corpus, new DisclosureGuard(corpus.Items));

        Assert.Equal(fallback, corpus.Today);
        Assert.Equal(1.0, evaluation.Recall);
        Assert.Equal(0.0, evaluation.FalsePositiveRate);
    }

    [Fact]
    public void Parse_CaseWithOwnAudienceAndApproval_LetsApprovedTextThrough()
    {
        const string json = """
            {"items":[],"cases":[{"text":"Release of this new feature likely will happen within this year.",
              "leak":false, "audience":"reseller-1",
              "approved":[{"organisation":"reseller-1",
                           "text":"Release of this new feature likely will happen within this year."}]}]}
            """;

        var corpus = DisclosureCorpus.Parse(json, new DateOnly(2026, 11, 26));
        var evaluation = DisclosureEvaluation.Run(corpus, new DisclosureGuard(corpus.Items));

        Assert.Empty(evaluation.FalseAlarms);
    }
}
