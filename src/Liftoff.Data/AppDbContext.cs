using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.Organisation;
using Liftoff.Data.Platform;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Data.Roadmap;
using Liftoff.Data.Rollout;
using Liftoff.Data.Support;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<OrganisationEntity> Organisations => Set<OrganisationEntity>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<TeamLeadChange> TeamLeadChanges => Set<TeamLeadChange>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<ReleaseEntity> Releases => Set<ReleaseEntity>();

    public DbSet<PlaybookEntity> Playbooks => Set<PlaybookEntity>();

    public DbSet<RolloutTaskEntity> RolloutTasks => Set<RolloutTaskEntity>();

    public DbSet<RoadmapPage> RoadmapPages => Set<RoadmapPage>();

    public DbSet<ProductArea> ProductAreas => Set<ProductArea>();

    public DbSet<FeatureRequest> FeatureRequests => Set<FeatureRequest>();

    public DbSet<RequestVote> RequestVotes => Set<RequestVote>();

    public DbSet<RequestComment> RequestComments => Set<RequestComment>();

    public DbSet<RequestMerge> RequestMerges => Set<RequestMerge>();

    public DbSet<RequestMergeVote> RequestMergeVotes => Set<RequestMergeVote>();

    public DbSet<RequestPriority> RequestPriorities => Set<RequestPriority>();

    public DbSet<PrioritySettings> PrioritySettings => Set<PrioritySettings>();

    public DbSet<RequestScoreChange> RequestScoreChanges => Set<RequestScoreChange>();

    public DbSet<RequestStatusChange> RequestStatusChanges => Set<RequestStatusChange>();

    public DbSet<BacklogImport> BacklogImports => Set<BacklogImport>();

    public DbSet<FeatureRequestSource> FeatureRequestSources => Set<FeatureRequestSource>();

    public DbSet<RoadmapItem> RoadmapItems => Set<RoadmapItem>();

    public DbSet<ApprovedPhrasing> ApprovedPhrasings => Set<ApprovedPhrasing>();

    public DbSet<ExternalStatement> ExternalStatements => Set<ExternalStatement>();

    public DbSet<DisclosureOverrideRequest> OverrideRequests => Set<DisclosureOverrideRequest>();

    public DbSet<TicketVolumeEntity> TicketVolumes => Set<TicketVolumeEntity>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<NewsletterCampaign> NewsletterCampaigns => Set<NewsletterCampaign>();

    public DbSet<NewsletterRecipient> NewsletterRecipients => Set<NewsletterRecipient>();

    public DbSet<LendingShopDelivery> LendingShopDeliveries => Set<LendingShopDelivery>();

    public DbSet<LendingShopAttempt> LendingShopAttempts => Set<LendingShopAttempt>();

    public DbSet<RolloutTaskComment> RolloutTaskComments => Set<RolloutTaskComment>();

    public DbSet<RolloutTaskEvidence> RolloutTaskEvidence => Set<RolloutTaskEvidence>();

    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();

    public DbSet<ReleaseNotesEntity> ReleaseNotes => Set<ReleaseNotesEntity>();

    public DbSet<ReleaseNoteItem> ReleaseNoteItems => Set<ReleaseNoteItem>();

    public DbSet<KbArticle> KbArticles => Set<KbArticle>();

    public DbSet<KbArticleVersion> KbArticleVersions => Set<KbArticleVersion>();

    public DbSet<WorkspaceCalendarEntity> WorkspaceCalendars => Set<WorkspaceCalendarEntity>();

    public DbSet<SuppressedAddress> SuppressedAddresses => Set<SuppressedAddress>();

    public DbSet<DeliveryEvent> DeliveryEvents => Set<DeliveryEvent>();

    public DbSet<UnparsedMailMessage> UnparsedMailMessages => Set<UnparsedMailMessage>();

    public DbSet<MailboxCursor> MailboxCursors => Set<MailboxCursor>();

    public DbSet<ProtectedSecret> ProtectedSecrets => Set<ProtectedSecret>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store instants as UTC ticks there and natively elsewhere.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only.");
            }

            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(
                "RowVersion") is { IsConcurrencyToken: true })
            {
                var version = entry.Property("RowVersion");
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
        }
    }
}
