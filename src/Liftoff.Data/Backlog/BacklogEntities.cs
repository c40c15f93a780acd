using System.Text.Json.Serialization;
using Liftoff.Data.Organisation;

namespace Liftoff.Data.Backlog;

[JsonConverter(typeof(JsonStringEnumConverter<FeatureRequestStatus>))]
public enum FeatureRequestStatus
{
    New,
    UnderReview,
    Planned,
    InDevelopment,
    Released,
    Declined,
    Merged,
}

/// <summary>A product area, like a tab of the old backlog sheet ("Wizard").</summary>
public class ProductArea
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A feature request; each requestor added to it counts as one upvote.</summary>
public class FeatureRequest
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public int? AreaId { get; set; }

    public ProductArea? Area { get; set; }

    public FeatureRequestStatus Status { get; set; }

    public string InternalNotes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    /// <summary>Sentence embedding (little-endian floats), stored so every instance shares it.</summary>
    public byte[]? Embedding { get; set; }

    public List<RequestVote> Votes { get; set; } = [];

    public int RowVersion { get; set; }

    /// <summary>
    /// Position in the order of committed changes, set by the database on every insert and update
    /// (from a one-row counter, so it follows commit order on every instance): the similar-request
    /// index catches up by reading rows above the last position it saw. Never written by the app.
    /// </summary>
    public long ChangeSeq { get; set; }

    /// <summary>Set while the request is merged into another: its page and API lead there.</summary>
    public long? MergedIntoId { get; set; }

    /// <summary>The internal roadmap item that plans this request (staff only, never shown outside).</summary>
    public int? RoadmapItemId { get; set; }

    /// <summary>The release that delivers this request.</summary>
    public int? ReleaseId { get; set; }

    /// <summary>
    /// The organisation whose portal user wrote the title and description: its users see them as written.
    /// Null for requests recorded by staff or imported.
    /// </summary>
    public int? WrittenByOrganisationId { get; set; }

    /// <summary>Staff show the title to every portal user (the description stays with the requestors).</summary>
    public bool SharedWithPortal { get; set; }

    /// <summary>The portal form's one-time key (hashed with the user): a second submission finds it.</summary>
    public string? SubmissionKey { get; set; }
}

/// <summary>One requestor on a request: an organisation's contact. The pair counts once per request.</summary>
public class RequestVote
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public int OrganisationId { get; set; }

    public OrganisationEntity? Organisation { get; set; }

    /// <summary>Lower-cased email of the contact who asked.</summary>
    public string ContactEmail { get; set; } = "";

    public string ContactName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? RecordedByUserId { get; set; }
}
