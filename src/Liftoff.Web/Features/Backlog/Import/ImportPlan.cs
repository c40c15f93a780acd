using Liftoff.Data.Backlog;

namespace Liftoff.Web.Features.Backlog.Import;

public sealed record ImportRowProblem(string? Sheet, int Row, string Message)
{
    public override string ToString() => Row == 0 ? Message : Sheet is null ? $"Row {Row}: {Message}" : $"Sheet " +
        $"'{Sheet}', row {Row}: {Message}";
}

/// <summary>One requestor row to add to a request.</summary>
public sealed record PlannedVote(string Organisation, string Email, string ContactName, DateTimeOffset? At);

/// <summary>
/// A request of the sheet: new, or matched to one already stored (then only new requestors are added).
/// <see cref="Rows"/> are the sheet rows it was read from, so a batch of requests can be planned again on its own.
/// </summary>
public sealed record PlannedRequest(string SourceKey, string? Area, string Title, string Description,
    FeatureRequestStatus Status, DateTimeOffset? At, long? ExistingId, List<PlannedVote> Votes, List<SheetRowRef> Rows);

/// <summary>What an import would create. Nothing is written while computing it.</summary>
public sealed record ImportPlan(
    int RowsRead,
    IReadOnlyList<ImportRowProblem> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<PlannedRequest> Requests,
    IReadOnlyList<string> NewAreas,
    IReadOnlyList<string> NewOrganisations,
    IReadOnlyList<string> NewContacts)
{
    public const int MaxErrorsShown = 200;

    public bool Succeeded => Errors.Count == 0;

    public int NewRequests => Requests.Count(r => r.ExistingId is null);

    public int MatchedRequests => Requests.Count(r => r.ExistingId is not null);

    public int NewVotes => Requests.Sum(r => r.Votes.Count);

    /// <summary>Rows that still have something to write; the other rows read are already in the backlog.</summary>
    public int RowsToWrite => Requests.Sum(r => r.Rows.Count);
}
