namespace Liftoff.Data.KnowledgeBase;

/// <summary>Who may read a knowledge-base article.</summary>
public enum KbAudience
{
    Public,
    Resellers,
    Customers,
}

/// <summary>
/// A knowledge-base article: the draft being written, and its published versions. Readers only ever
/// see a published version; the draft is staff-only.
/// </summary>
public class KbArticle
{
    public int Id { get; set; }

    public string Title { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";

    public KbAudience Audience { get; set; }

    /// <summary>The release this article announces; its publishes complete the release's KB tasks.</summary>
    public int? ReleaseId { get; set; }

    /// <summary>Number of the current published version; 0 while never published.</summary>
    public int PublishedVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<KbArticleVersion> Versions { get; set; } = [];

    public int RowVersion { get; set; }
}

/// <summary>One publish of an article (the "KB iteration"): written once, never changed.</summary>
public class KbArticleVersion
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public KbArticle? Article { get; set; }

    public int Number { get; set; }

    public string Title { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";

    public KbAudience Audience { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public string? PublishedByUserId { get; set; }

    /// <summary>Why this version exists when it is not a plain publish, e.g. "Rollback to version 2".</summary>
    public string? Note { get; set; }
}
