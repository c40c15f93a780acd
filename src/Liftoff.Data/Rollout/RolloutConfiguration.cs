using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.Rollout;

internal sealed class ReleaseConfiguration : IEntityTypeConfiguration<ReleaseEntity>
{
    public void Configure(EntityTypeBuilder<ReleaseEntity> b)
    {
        b.ToTable("Releases");
        b.Property(r => r.Product).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).HasMaxLength(50);
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.ContentSummary).HasMaxLength(8000);
        b.Property(r => r.RowVersion).IsConcurrencyToken();
        b.HasIndex(r => new { r.Product, r.Version }).IsUnique();
        b.HasIndex(r => r.PlannedDate);
        b.HasIndex(r => new { r.Status, r.PlannedDate });
        b.HasOne(r => r.Playbook).WithMany().HasForeignKey(r => r.PlaybookId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Tasks).WithOne(t => t.Release).HasForeignKey(t => t.ReleaseId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<PlaybookEntity>
{
    public void Configure(EntityTypeBuilder<PlaybookEntity> b)
    {
        b.ToTable("Playbooks");
        b.Property(p => p.Key).HasMaxLength(60);
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.DefaultFor).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.RowVersion).IsConcurrencyToken();
        b.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.PlaybookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlaybookStepConfiguration : IEntityTypeConfiguration<PlaybookStepEntity>
{
    public void Configure(EntityTypeBuilder<PlaybookStepEntity> b)
    {
        b.ToTable("PlaybookSteps");
        b.Property(s => s.Key).HasMaxLength(60);
        b.HasIndex(s => new { s.PlaybookId, s.Key }).IsUnique();
        b.Property(s => s.Name).HasMaxLength(300);
        b.Property(s => s.OffsetUnit).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Owners).HasMaxLength(500);
        b.Property(s => s.ConditionField).HasConversion<string>().HasMaxLength(40);
        b.Property(s => s.ConditionValue).HasMaxLength(100);
        b.Property(s => s.Prerequisites).HasMaxLength(1000);
        b.Property(s => s.Description).HasMaxLength(4000);
        b.Property(s => s.Checklist).HasMaxLength(4000);
    }
}

internal sealed class RolloutTaskConfiguration : IEntityTypeConfiguration<RolloutTaskEntity>
{
    public void Configure(EntityTypeBuilder<RolloutTaskEntity> b)
    {
        b.ToTable("RolloutTasks");
        b.Property(t => t.StepKey).HasMaxLength(60);
        b.HasIndex(t => new { t.ReleaseId, t.StepKey }).IsUnique();
        b.HasIndex(t => new { t.Status, t.DueDate });
        // Counts of open and overdue tasks per release (dashboard) come from this index alone.
        b.HasIndex(t => new { t.ReleaseId, t.Status, t.DueDate });
        b.Property(t => t.Name).HasMaxLength(300);
        b.Property(t => t.Owners).HasMaxLength(500);
        b.Property(t => t.Prerequisites).HasMaxLength(1000);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.SkipReason).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.SkipNote).HasMaxLength(1000);
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Property(t => t.Checklist).HasMaxLength(4000);
        b.Property(t => t.RowVersion).IsConcurrencyToken();
        b.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class RolloutTaskCommentConfiguration : IEntityTypeConfiguration<RolloutTaskComment>
{
    public void Configure(EntityTypeBuilder<RolloutTaskComment> b)
    {
        b.ToTable("RolloutTaskComments");
        b.Property(c => c.AuthorName).HasMaxLength(200);
        b.Property(c => c.Body).HasMaxLength(4000);
        b.HasIndex(c => c.TaskId);
        b.HasOne<RolloutTaskEntity>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RolloutTaskEvidenceConfiguration : IEntityTypeConfiguration<RolloutTaskEvidence>
{
    public void Configure(EntityTypeBuilder<RolloutTaskEvidence> b)
    {
        b.ToTable("RolloutTaskEvidence");
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.Note).HasMaxLength(1000);
        b.HasIndex(e => e.TaskId);
        b.HasOne<RolloutTaskEntity>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.ToTable("CalendarFeedTokens");
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.Scope).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Target).HasMaxLength(450);
        b.Property(t => t.OwnerUserId).HasMaxLength(450);
        b.HasIndex(t => t.OwnerUserId);
    }
}

internal sealed class WorkspaceCalendarConfiguration : IEntityTypeConfiguration<WorkspaceCalendarEntity>
{
    public void Configure(EntityTypeBuilder<WorkspaceCalendarEntity> b)
    {
        b.ToTable("WorkspaceCalendar");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.WorkingDays).HasMaxLength(100);
        b.Property(c => c.UpdatedByUserId).HasMaxLength(450);
        b.Property(c => c.RowVersion).IsConcurrencyToken();
        b.HasMany(c => c.Holidays).WithOne().HasForeignKey(h => h.WorkspaceCalendarId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceHolidayConfiguration : IEntityTypeConfiguration<WorkspaceHoliday>
{
    public void Configure(EntityTypeBuilder<WorkspaceHoliday> b)
    {
        b.ToTable("WorkspaceHolidays");
        b.Property(h => h.Name).HasMaxLength(200);
        b.HasIndex(h => new { h.WorkspaceCalendarId, h.Date }).IsUnique();
    }
}
