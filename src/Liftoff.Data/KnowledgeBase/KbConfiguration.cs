using Liftoff.Data.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liftoff.Data.KnowledgeBase;

internal sealed class KbArticleConfiguration : IEntityTypeConfiguration<KbArticle>
{
    public void Configure(EntityTypeBuilder<KbArticle> b)
    {
        b.ToTable("KbArticles");
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.BodyMarkdown).HasMaxLength(200_000);
        b.Property(a => a.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.CreatedByUserId).HasMaxLength(450);
        b.Property(a => a.RowVersion).IsConcurrencyToken();
        b.HasIndex(a => a.ReleaseId);
        b.HasOne<ReleaseEntity>().WithMany().HasForeignKey(a => a.ReleaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.Versions).WithOne(v => v.Article).HasForeignKey(v => v.ArticleId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KbArticleVersionConfiguration : IEntityTypeConfiguration<KbArticleVersion>
{
    public void Configure(EntityTypeBuilder<KbArticleVersion> b)
    {
        b.ToTable("KbArticleVersions");
        b.Property(v => v.Title).HasMaxLength(300);
        b.Property(v => v.BodyMarkdown).HasMaxLength(200_000);
        b.Property(v => v.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.PublishedByUserId).HasMaxLength(450);
        b.Property(v => v.Note).HasMaxLength(300);
        // Two publishes racing for the same number: exactly one wins.
        b.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
        b.HasIndex(v => new { v.Audience, v.PublishedAt });
    }
}
