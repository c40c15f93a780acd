using Liftoff.Data.ReleaseNotes;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>
/// Who reads an outgoing text: one organisation (its kind decides whether it is a reseller or a
/// customer), or a wide audience. Release announcements pass only for audiences they were made to;
/// the public (anonymous readers, the lending shop) needs an announcement to resellers and customers.
/// </summary>
public readonly record struct DisclosureAudience(int? OrganisationId, NotesAudience Groups)
{
    public static DisclosureAudience Public => new(null, NotesAudience.Both);

    public static DisclosureAudience Resellers => new(null, NotesAudience.Resellers);

    public static DisclosureAudience Customers => new(null, NotesAudience.Customers);

    /// <summary>One organisation; its groups are looked up when the text is checked.</summary>
    public static DisclosureAudience Of(int organisationId) => new(organisationId, NotesAudience.Both);

    public static DisclosureAudience Of(int? organisationId) => organisationId is { } id ? Of(id) : Public;

    public string Describe() => OrganisationId is not null ? "the organisation" : Groups switch
    {
        NotesAudience.Resellers => "resellers",
        NotesAudience.Customers => "customers",
        _ => "everyone",
    };
}
