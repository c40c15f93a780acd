using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class SimilarRequestIndexTests
{
    private static SimilarRequestIndex Backlog(HashedBagOfWordsEmbedder? embedder = null)
    {
        var index = new SimilarRequestIndex(embedder ?? new HashedBagOfWordsEmbedder());
        index.UpsertMany(
        [
            new(1, "Export the roadmap as PDF", "Managers want to print the roadmap for board meetings."),
            new(2, "Dark mode for the dashboard", "The dashboard is too bright at night."),
            new(3, "Single sign-on with Azure AD", "Log in with the company account instead of a password."),
            new(4, "Email digest of new releases", "A weekly email listing the releases that went out."),
        ]);
        return index;
    }

    [Fact]
    public void Search_RewordedRequest_RanksItsDuplicateFirst()
    {
        using var index = Backlog();

        var results = index.Search("Roadmap PDF export", "We need to print the roadmap.");

        Assert.Equal(1, results[0].Id);
    }

    [Fact]
    public void Search_Results_HaveScoresBetweenZeroAndOneBestFirst()
    {
        using var index = Backlog();

        var results = index.Search("dashboard dark mode at night", null);
        var weight = index.Settings.MeaningWeightFor(SearchTokenizer.Tokenize("dashboard dark mode at night").Count);

        Assert.All(results, r =>
        {
            Assert.InRange(r.Score, 0, 1);
            Assert.InRange(r.TextScore, 0, 1);
            Assert.InRange(r.MeaningScore, 0, 1);
            Assert.Equal(ScoreFusion.Fuse(r.TextScore, r.MeaningScore, weight), r.Score, 4);
        });
        Assert.Equal(results.OrderByDescending(r => r.Score).Select(r => r.Id), results.Select(r => r.Id));
    }

    [Fact]
    public void Search_IdenticalText_ScoresNearOne()
    {
        using var index = Backlog();

        var top = index.Search("Dark mode for the dashboard", "The dashboard is too bright at night.")[0];

        Assert.Equal(2, top.Id);
        Assert.True(top.Score > 0.95, $"score {top.Score}");
    }

    [Fact]
    public void Search_ExcludeId_LeavesThatRequestOut()
    {
        using var index = Backlog();

        var results = index.Search("Export the roadmap as PDF", null, excludeId: 1);

        Assert.DoesNotContain(results, r => r.Id == 1);
    }

    [Fact]
    public void Search_Limit_CapsTheNumberOfResults()
    {
        using var index = Backlog();

        Assert.Single(index.Search("the roadmap dashboard email", null, limit: 1));
        Assert.Empty(index.Search("the roadmap", null, limit: 0));
    }

    [Fact]
    public void Upsert_ExistingId_ReplacesItsContent()
    {
        using var index = Backlog();

        index.Upsert(new SimilarityDocument(2, "Keyboard shortcuts", "Navigate without the mouse."));

        Assert.Equal(4, index.Count);
        Assert.DoesNotContain(index.Search("dark mode dashboard", null), r => r.Id == 2 && r.TextScore > 0);
        Assert.Equal(2, index.Search("keyboard shortcuts", null)[0].Id);
    }

    [Fact]
    public void Remove_IndexedId_IsNoLongerFound()
    {
        using var index = Backlog();

        var removed = index.Remove(3);

        Assert.True(removed);
        Assert.Equal(3, index.Count);
        Assert.DoesNotContain(index.Search("single sign-on azure", null), r => r.Id == 3);
    }

    [Fact]
    public void Remove_UnknownId_ReturnsFalse()
    {
        using var index = Backlog();

        Assert.False(index.Remove(99));
    }

    [Fact]
    public void Upsert_AfterRemove_ReusesTheFreedSlot()
    {
        using var index = Backlog();
        index.Remove(1);

        index.Upsert(new SimilarityDocument(5, "Roadmap sharing link", null));

        Assert.Equal(4, index.Count);
        Assert.Equal(5, index.Search("roadmap sharing link", null)[0].Id);
    }

    [Fact]
    public void UpsertMany_PrecomputedEmbeddings_AreNotRecomputed()
    {
        var embedder = new HashedBagOfWordsEmbedder();
        using var index = new SimilarRequestIndex(embedder);
        var vector = index.Embed("Export to Excel", "Spreadsheet export of the backlog.");
        var before = embedder.TextsEmbedded;

        index.UpsertMany([new SimilarityDocument(7, "Export to Excel", "Spreadsheet export of the backlog.", vector)]);

        Assert.Equal(before, embedder.TextsEmbedded);
        Assert.Equal(7, index.Search("excel export", null)[0].Id);
    }

    [Fact]
    public void Embed_SameTitleAndDescription_GivesTheVectorTheIndexComputes()
    {
        using var index = new SimilarRequestIndex(new HashedBagOfWordsEmbedder());

        var stored = index.Embed("Dark mode", "Too bright");
        index.Upsert(new SimilarityDocument(1, "Dark mode", "Too bright"));

        // Stored as 8-bit codes; a sparse test vector loses a little more than a dense real one.
        Assert.Equal(1.0, index.Search("Dark mode", "Too bright")[0].MeaningScore, 0.005);
        Assert.Equal(1.0, stored.Sum(x => x * x), 4);
    }

    [Fact]
    public void Upsert_EmbeddingOfWrongDimension_Throws()
    {
        using var index = new SimilarRequestIndex(new HashedBagOfWordsEmbedder(64));

        Assert.Throws<ArgumentException>(() => index.Upsert(new SimilarityDocument(1, "x", null, new float[3])));
    }

    [Fact]
    public void Rebuild_NewContents_ReplaceTheOldOnes()
    {
        using var index = Backlog();

        index.Rebuild([new SimilarityDocument(10, "Audit log export", null)]);

        Assert.Equal(1, index.Count);
        Assert.Equal(10, index.Search("audit log", null)[0].Id);
        Assert.Empty(index.Search("dark mode dashboard", null));
    }

    [Fact]
    public void Search_BlankText_ReturnsNothingWithoutEmbedding()
    {
        var embedder = new HashedBagOfWordsEmbedder();
        using var index = Backlog(embedder);
        var before = embedder.TextsEmbedded;

        Assert.Empty(index.Search("  ", null));
        Assert.Equal(before, embedder.TextsEmbedded);
    }

    [Fact]
    public void Search_EmptyIndex_ReturnsNothing()
    {
        using var index = new SimilarRequestIndex(new HashedBagOfWordsEmbedder());

        Assert.Empty(index.Search("anything", "at all"));
    }
}
