namespace Liftoff.Web.Features.Tasks;

/// <summary>Which tasks are pre-release work: they must be decided before a release is marked released.</summary>
public static class PreReleaseWork
{
    /// <summary>A step dated before the release day is pre-release work; the rest stays workable after it.</summary>
    public static bool IsPreRelease(int offsetDays) => offsetDays < 0;
}
