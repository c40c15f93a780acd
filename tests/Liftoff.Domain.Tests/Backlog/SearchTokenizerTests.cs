using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class SearchTokenizerTests
{
    [Fact]
    public void Tokenize_DottedCamelCaseIdentifier_KeepsWholeAndStemmedParts()
    {
        var terms = SearchTokenizer.Tokenize("FileSystem.getFileStatus");

        // Parts are stemmed ("file" and "files" both become "fil"); the whole identifier is not.
        Assert.Equal(["filesystem.getfilestatus", "fil", "system", "get", "fil", "status"], terms);
    }

    [Fact]
    public void Tokenize_AcronymFollowedByWord_SplitsBeforeTheWord()
    {
        var terms = SearchTokenizer.Tokenize("HTTPServer");

        Assert.Equal(["httpserver", "http", "server"], terms);
    }

    [Fact]
    public void Tokenize_IssueKey_KeepsKeyAndNumber()
    {
        var terms = SearchTokenizer.Tokenize("see HADOOP-12345.");

        Assert.Equal(["see", "hadoop-12345", "hadoop", "12345"], terms);
    }

    [Fact]
    public void Tokenize_InflectedForms_StemToOneTerm()
    {
        var terms = SearchTokenizer.Tokenize("caches cached caching cache");

        Assert.Single(terms.Distinct());
    }

    [Fact]
    public void Tokenize_StopWordsAndSingleLetters_AreDropped()
    {
        var terms = SearchTokenizer.Tokenize("the build of a x is failing");

        Assert.Equal(["build", "fail"], terms);
    }

    [Fact]
    public void Tokenize_MaxTerms_StopsEarly()
    {
        var terms = SearchTokenizer.Tokenize("alpha beta gamma delta epsilon", maxTerms: 2);

        Assert.Equal(["alpha", "beta"], terms);
    }

    [Fact]
    public void Tokenize_NullOrEmpty_ReturnsNoTerms()
    {
        Assert.Empty(SearchTokenizer.Tokenize(null));
        Assert.Empty(SearchTokenizer.Tokenize("  ... "));
    }
}
