using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

/// <summary>How much a query's meaning counts against its words: by its length, and by whether its words found
/// anything.</summary>
public class MeaningWeightTests
{
    private static readonly SimilaritySettings Settings = new();

    [Fact]
    public void ShortQuery_LeansOnItsMeaning_WhateverItsWordsMatch()
    {
        Assert.Equal(Settings.ShortQueryMeaningWeight, Settings.MeaningWeightFor(Settings.ShortQueryTerms, 1));
        Assert.Equal(Settings.ShortQueryMeaningWeight, Settings.MeaningWeightFor(3, 0));
    }

    [Fact]
    public void LongQuery_WhoseWordsMatchARequestWell_KeepsTheLowWeight()
    {
        Assert.Equal(Settings.MeaningWeight, Settings.MeaningWeightFor(40, 0.9));
        Assert.Equal(Settings.MeaningWeight, Settings.MeaningWeightFor(40, Settings.WeakWordMatch));
    }

    [Fact]
    public void LongQuery_WhoseWordsMatchNothing_CountsItsMeaningAsAShortOne()
    {
        Assert.Equal(Settings.ShortQueryMeaningWeight, Settings.MeaningWeightFor(40, 0));
        var halfway = Settings.MeaningWeightFor(40, Settings.WeakWordMatch / 2);
        Assert.Equal((Settings.MeaningWeight + Settings.ShortQueryMeaningWeight) / 2, halfway, 6);
    }

    [Fact]
    public void LongQueryInPlainWords_LeansOnItsMeaningLongerThanOneNamingCode()
    {
        var terms = (Settings.LongQueryTerms + Settings.PlainLongQueryTerms) / 2;

        Assert.Equal(Settings.MeaningWeight, Settings.MeaningWeightFor(terms, 1, plain: false));
        Assert.True(Settings.MeaningWeightFor(terms, 1, plain: true) > 10 * Settings.MeaningWeight);
        Assert.Equal(Settings.MeaningWeight, Settings.MeaningWeightFor(Settings.PlainLongQueryTerms, 1, plain: true));
    }

    [Fact]
    public void WeakWordMatchOff_LeavesTheWeightToTheLength()
    {
        var off = Settings with { WeakWordMatch = 0 };

        Assert.Equal(off.MeaningWeight, off.MeaningWeightFor(40, 0));
    }

    /// <summary>
    /// A request described in a sentence, in other words than the request it duplicates: its words find only a
    /// request that shares one of them, while its meaning finds the duplicate.
    /// </summary>
    [Fact]
    public void Search_DescribedRequestInOtherWords_FindsItsDuplicateByMeaning()
    {
        const string title = "Reach the shop computers from home";
        // The model number makes it a query that names code: only the rise for weak words is at work.
        const string description = "The line of our RT500 gets another internet address every few days, so " +
            "the connection from home breaks again and the owner has to phone someone at the shop to read out the " +
            "new number.";

        var found = Search(Settings, title, description);
        var wordsOnly = Search(Settings with { WeakWordMatch = 0 }, title, description);

        Assert.Equal(1, found[0].Id);
        Assert.Equal(2, wordsOnly[0].Id);
        Assert.True(found.Max(r => r.TextScore) < Settings.WeakWordMatch, $"{found.Max(r => r.TextScore)}");
    }

    /// <summary>
    /// A request typed in plain words, described at length: its words match another request well, its meaning the
    /// duplicate. In plain words it leans on its meaning; naming code, as a bug report does, on its words.
    /// </summary>
    [Fact]
    public void Search_LongRequestInPlainWords_LeansOnItsMeaning()
    {
        const string title = "The shop computers lose the connection from home";
        const string description = "The owner phones in every week because the internet address keeps changing " +
            "and the remote connection to the shop computers breaks, so someone has to read the new address out.";

        SimilarityDocument[] backlog =
        [
            new(1, "Dynamic DNS on the router", null),
            new(2, "Ticket system for store problems",
                "The owner phones in a ticket every week when the shop computers break or lose the connection."),
        ];

        var plain = Search(Settings, title, description, backlog);
        var namingCode = Search(Settings, title, description + " Seen with firmware v2.", backlog);

        Assert.Equal(1, plain[0].Id);
        Assert.Equal(2, namingCode[0].Id);
        Assert.True(namingCode.Max(r => r.TextScore) >= Settings.WeakWordMatch, $"{namingCode.Max(r => r.TextScore)}");
    }

    [Fact]
    public void Search_LongQueryWhoseWordsFindTheRequest_RanksByWordsAndMeaningAsBefore()
    {
        const string title = "Ticket system for store problems";
        const string description = "Store managers raise a ticket for each problem with the tills and printers, " +
            "and the owner sees every open ticket with its store in one list.";

        var found = Search(Settings, title, description);
        var withoutTheRise = Search(Settings with { WeakWordMatch = 0 }, title, description);

        Assert.Equal(2, found[0].Id);
        Assert.Equal(withoutTheRise.Select(r => (r.Id, r.Score)), found.Select(r => (r.Id, r.Score)));
    }

    private static IReadOnlyList<SimilarRequest> Search(SimilaritySettings settings, string title, string description,
        SimilarityDocument[]? backlog = null)
    {
        using var index = new SimilarRequestIndex(new ConceptEmbedder(), settings);
        index.UpsertMany(backlog ??
        [
            new(1, "Dynamic DNS on the router", null),
            new(2, "Ticket system for store problems", "The owner phones in a ticket when shop computers break."),
            new(3, "Receipt printer paper low warning", null),
        ]);
        return index.Search(title, description);
    }

    /// <summary>A stand-in for a sentence model that knows a few words mean the same thing: each word counts
    /// toward its concept, other words toward nothing.</summary>
    private sealed class ConceptEmbedder : ITextEmbedder
    {
        private static readonly Dictionary<string, int> Concepts = new(StringComparer.OrdinalIgnoreCase)
        {
            ["dns"] = 0,
            ["address"] = 0,
            ["router"] = 0,
            ["internet"] = 0,
            ["ticket"] = 1,
            ["problems"] = 1,
            ["break"] = 1,
            ["store"] = 2,
            ["shop"] = 2,
            ["tills"] = 2,
            ["receipt"] = 3,
            ["printer"] = 3,
            ["paper"] = 3,
        };

        public int Dimension => 8;

        public float[][] Embed(IReadOnlyList<string> texts) => texts.Select(text =>
        {
            var v = new float[Dimension];
            foreach (var word in text.Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (Concepts.TryGetValue(word, out var concept))
                {
                    v[concept] += 1;
                }
            }
            v[^1] = 0.1f;
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        }).ToArray();
    }
}
