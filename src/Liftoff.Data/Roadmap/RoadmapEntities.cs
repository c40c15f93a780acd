using System.Text.Json.Serialization;
using Liftoff.Data.Organisation;
using Liftoff.Data.Rollout;

namespace Liftoff.Data.Roadmap;

/// <summary>A staff-only roadmap page, e.g. "Hardware roadmap" or "Next software release".</summary>
public class RoadmapPage
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public int Position { get; set; }

    public List<RoadmapItem> Items { get; set; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<RoadmapItemStatus>))]
public enum RoadmapItemStatus
{
    Idea,
    Planned,
    InDevelopment,
    Shipped,
    Dropped,
}

/// <summary>
/// One thing on the roadmap. It stays internal until its linked release ships; only then may
/// its title, codename and target be said outside.
/// </summary>
public class RoadmapItem
{
    public int Id { get; set; }

    public int PageId { get; set; }

    public RoadmapPage? Page { get; set; }

    public string Title { get; set; } = "";

    public string? Codename { get; set; }

    /// <summary>Other names people use for the item, separated by ";".</summary>
    public string Aliases { get; set; } = "";

    public string DescriptionMarkdown { get; set; } = "";

    /// <summary>A date (2027-05-14), a month (2027-05), a quarter (2027-Q2) or a year (2027).</summary>
    public string? Target { get; set; }

    /// <summary>Version numbers this item is planned for, separated by ";" (e.g. "5.3").</summary>
    public string Versions { get; set; } = "";

    public RoadmapItemStatus Status { get; set; }

    public int? ReleaseId { get; set; }

    public ReleaseEntity? Release { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int RowVersion { get; set; }

    public IEnumerable<string> AliasList => Split(Aliases);

    public IEnumerable<string> VersionList => Split(Versions);

    private static string[] Split(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A wording leads have agreed may be used outside, e.g. "This new feature is currently in active
/// development".</summary>
public class ApprovedPhrasing
{
    public int Id { get; set; }

    public string Text { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public string? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<StatementStatus>))]
public enum StatementStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>"May I tell this organisation about this item, in these words?" and the lead's answer.</summary>
public class ExternalStatement
{
    public int Id { get; set; }

    public int RoadmapItemId { get; set; }

    public RoadmapItem? Item { get; set; }

    public int OrganisationId { get; set; }

    public OrganisationEntity? Organisation { get; set; }

    public int? PhrasingId { get; set; }

    /// <summary>The exact text that may be said once approved.</summary>
    public string Text { get; set; } = "";

    public string Context { get; set; } = "";

    public string RequestedByUserId { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public StatementStatus Status { get; set; }

    public string? DecidedByUserId { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionComment { get; set; }

    public int RowVersion { get; set; }
}
