using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Bench;

/// <summary>A GitBugs-format corpus (Summary, Issue id, …, Description) and its duplicate pairs.</summary>
public sealed class GitBugsCorpus
{
    private GitBugsCorpus(List<SimilarityDocument> documents) => Documents = documents;

    public List<SimilarityDocument> Documents { get; }

    public static GitBugsCorpus Load(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        { BadDataFound = null });
        csv.Read();
        csv.ReadHeader();
        var documents = new List<SimilarityDocument>();
        while (csv.Read())
        {
            var id = long.Parse(csv.GetField("Issue id")!, CultureInfo.InvariantCulture);
            documents.Add(new SimilarityDocument(id, csv.GetField("Summary") ?? "", csv.GetField("Description") ?? ""));
        }
        return new GitBugsCorpus(documents);
    }

    /// <summary>
    /// Queries as the data README defines them: every pair (a, c) with both ids in the corpus, the
    /// duplicates of a grouped as its relevant set. A row whose duplicate field is not one id (one
    /// row lists two) is skipped, as the reference figures (125 queries) did.
    /// </summary>
    public (List<DuplicateQuery> Queries, int SkippedRows) LoadQueries(string pairsPath)
    {
        var ids = Documents.Select(d => d.Id).ToHashSet();
        using var reader = new StreamReader(pairsPath);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var relevant = new Dictionary<long, HashSet<long>>();
        var order = new List<long>();
        var skipped = 0;
        while (csv.Read())
        {
            if (!long.TryParse(csv.GetField(0), CultureInfo.InvariantCulture, out var a)
                || !long.TryParse(csv.GetField(1), CultureInfo.InvariantCulture, out var c)
                || !ids.Contains(a) || !ids.Contains(c))
            {
                skipped++;
                continue;
            }
            if (!relevant.TryGetValue(a, out var set))
            {
                relevant[a] = set = [];
                order.Add(a);
            }
            set.Add(c);
        }
        return (order.ConvertAll(a => new DuplicateQuery(a, relevant[a])), skipped);
    }
}

public sealed record DuplicateQuery(long Id, HashSet<long> Relevant);
