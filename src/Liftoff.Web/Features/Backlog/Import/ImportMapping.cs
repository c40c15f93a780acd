using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Backlog.Intake;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>Which sheet column feeds which field; null means the field is not in the sheet.</summary>
public sealed record ImportMapping(
    string? Title,
    string? Description,
    string? Organisation,
    string? ContactName,
    string? ContactEmail,
    string? Date,
    string? Status,
    string? Area,
    string? DefaultArea,
    OrganisationKind NewOrganisationKind = OrganisationKind.Customer)
{
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
    [
        (nameof(Title), "Title"), (nameof(Description), "Description"),
            (nameof(Organisation), "Requestor organisation"),
        (nameof(ContactName), "Contact name"), (nameof(ContactEmail), "Contact email"),
            (nameof(Date), "Date requested"),
        (nameof(Status), "Status"), (nameof(Area), "Product area"),
    ];

    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        [nameof(Title)] = ["title", "feature", "feature request", "request", "summary", "name", "subject", "idea"],
        [nameof(Description)] = ["description", "details", "detail", "notes", "comment", "comments",
            "use case", "body"],
        [nameof(Organisation)] = ["organisation", "organization", "requestor organisation", "requestor organization",
            "requestor", "requested by", "customer", "reseller", "company", "account", "org"],
        [nameof(ContactName)] = ["contact name", "contact", "requestor name", "person", "requester"],
        [nameof(ContactEmail)] = ["contact email", "email", "e-mail", "mail", "requestor email", "contact e-mail"],
        [nameof(Date)] = ["date", "date requested", "requested on", "requested", "created", "created at", "added",
            "date added"],
        [nameof(Status)] = ["status", "state"],
        [nameof(Area)] = ["area", "product area", "category", "component", "module", "tab"],
    };

    public string? this[string field] => field switch
    {
        nameof(Title) => Title,
        nameof(Description) => Description,
        nameof(Organisation) => Organisation,
        nameof(ContactName) => ContactName,
        nameof(ContactEmail) => ContactEmail,
        nameof(Date) => Date,
        nameof(Status) => Status,
        nameof(Area) => Area,
        _ => null,
    };

    /// <summary>Good guesses from the header names: exact synonyms first, then headers containing one.</summary>
    public static ImportMapping Guess(IEnumerable<string> headers)
    {
        var available = headers.Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? Pick(string field, bool contains)
        {
            foreach (var synonym in Synonyms[field])
            {
                var hit = available.FirstOrDefault(h => !taken.Contains(h) && (contains
                    ? Normal(h).Contains(synonym, StringComparison.Ordinal)
                    : Normal(h) == synonym));
                if (hit is not null)
                {
                    taken.Add(hit);
                    return hit;
                }
            }
            return null;
        }
        var exact = Synonyms.Keys.ToDictionary(f => f, f => Pick(f, contains: false));
        var guessed = exact.ToDictionary(e => e.Key, e => e.Value ?? Pick(e.Key, contains: true));
        return new ImportMapping(guessed[nameof(Title)], guessed[nameof(Description)], guessed[nameof(Organisation)],
            guessed[nameof(ContactName)],
            guessed[nameof(ContactEmail)], guessed[nameof(Date)], guessed[nameof(Status)], guessed[nameof(Area)], null);
    }

    private static string Normal(string header) =>
        string.Join(' ', header.Trim().ToLowerInvariant().Replace('_', ' ')
        .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
