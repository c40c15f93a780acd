namespace Liftoff.Data.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Staff = "Staff";
    public const string External = "External";

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Staff, External];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
