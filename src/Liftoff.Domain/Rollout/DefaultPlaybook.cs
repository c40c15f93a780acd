namespace Liftoff.Domain.Rollout;

/// <summary>
/// The company's written software rollout process as a playbook. Teams are referenced by key;
/// who leads them is data that changes.
/// </summary>
public static class DefaultPlaybook
{
    public const string DeliveryTeam = "delivery";
    public const string CustomerSuccessTeam = "customer-success";

    public const string ContentDiscussion = "content-discussion";
    public const string InternalNotesReview = "internal-notes-review";
    public const string KbAnnouncement = "kb-announcement";
    public const string Newsletter = "newsletter";
    public const string KbIteration = "kb-iteration";
    public const string CustomerTeamsShare = "customer-teams-share";
    public const string FieldHandover = "field-handover";
    public const string DeliveryRollout = "rollout";
    public const string LendingShopUpdate = "lending-shop-update";
    public const string SupportSurge = "support-surge";

    private static readonly StepOwner[] BothLeads = [StepOwner.LeadOf(DeliveryTeam),
        StepOwner.LeadOf(CustomerSuccessTeam)];
    private static readonly StepOwner[] CustomerSuccess = [StepOwner.Team(CustomerSuccessTeam)];

    // Outgoing texts wait for the leads' agreement on content and for the reviewed internal notes.
    private static readonly string[] AgreedContent = [ContentDiscussion, InternalNotesReview];

    public static Playbook Create() => new("software-release", "Software release", Steps());

    private static List<PlaybookStep> Steps() =>
    [
        new()
        {
            Key = ContentDiscussion,
            Name = "Discuss release content and what it means for customers",
            Offset = StepOffset.WeeksBefore(4),
            Owners = BothLeads,
            Description =
                "The Delivery and Customer Success leads agree on the exact content of the release and its " +
                    "implications for customers.",
            Checklist = ["Agree the exact content of the release", "List the implications for customers",
                "Decide whether the release has significant changes for users"],
        },
        new()
        {
            Key = InternalNotesReview,
            Name = "Go through the internal release notes",
            Offset = StepOffset.WeeksBefore(4),
            Owners = BothLeads,
            Description = "Both leads read the internal release notes together.",
            Checklist = ["Read the internal release notes", "Mark anything that must not leave the company"],
        },
        new()
        {
            Key = KbAnnouncement,
            Name = "Announce the release in the knowledge base",
            Offset = StepOffset.WeeksBefore(2),
            Owners = CustomerSuccess,
            Prerequisites = AgreedContent,
            Description = "Publish the announcement in the KB together with the release notes.",
            Checklist = ["Publish the announcement with the release notes", "Check the text with the disclosure guard"],
        },
        new()
        {
            Key = Newsletter,
            Name = "Newsletter to resellers and customers",
            Offset = StepOffset.WeeksBefore(2),
            Owners = CustomerSuccess,
            Prerequisites = AgreedContent,
            Description = "Send the release notes and what they mean for customers to resellers and customers.",
            Checklist = ["Include the release notes", "Explain what this means for customers",
                "Check the text with the disclosure guard"],
        },
        new()
        {
            Key = KbIteration,
            Name = "Iterate the knowledge base",
            Offset = StepOffset.DaysBefore(10),
            Owners = CustomerSuccess,
            Prerequisites = [KbAnnouncement],
            Description = "Update the KB articles touched by the release, building on the announcement.",
            Checklist = ["Update affected articles", "Keep the previous version of each article"],
        },
        new()
        {
            Key = CustomerTeamsShare,
            Name = "Share the release notes with the customer teams",
            Offset = StepOffset.WeeksBefore(2),
            Owners = CustomerSuccess,
            Prerequisites = AgreedContent,
            Description = "Share the release notes internally with the customer teams.",
            Checklist = ["Share the release notes", "Point the teams to the KB announcement"],
        },
        new()
        {
            Key = FieldHandover,
            Name = "Field handover day",
            Offset = StepOffset.DaysBefore(2),
            Owners = [StepOwner.Team(CustomerSuccessTeam), StepOwner.Team(DeliveryTeam)],
            Condition = StepCondition.SignificantChangesIs(true),
            Prerequisites = [ContentDiscussion, CustomerTeamsShare],
            Description = "In release week, hand the significant changes over to the field.",
            Checklist = ["Walk the field through the changes", "Collect open questions for the KB"],
        },
        new()
        {
            Key = DeliveryRollout,
            Name = "Rollout planning, testing and rollout",
            Offset = StepOffset.WeeksBefore(4),
            // From the content discussion up to and including release day.
            DurationDays = 29,
            Owners = [StepOwner.Team(DeliveryTeam)],
            Prerequisites = [ContentDiscussion],
            Description = "Delivery plans the rollout, tests the release and rolls it out.",
            Checklist = ["Plan the rollout", "Test the release", "Roll out"],
        },
        new()
        {
            Key = LendingShopUpdate,
            Name = "Update the lending shop",
            Offset = StepOffset.OnReleaseDay,
            Owners = CustomerSuccess,
            Prerequisites = [DeliveryRollout],
            Description = "Update the lending shop directly after the release.",
            Checklist = ["Update the lending shop"],
        },
        new()
        {
            Key = SupportSurge,
            Name = "Support surge: higher ticket volume expected",
            Offset = StepOffset.OnReleaseDay,
            DurationDays = 14,
            Owners = CustomerSuccess,
            Prerequisites = [DeliveryRollout],
            Description = "Expect higher ticket volume for two weeks after the release.",
            Checklist = ["Plan extra support hours", "Watch the ticket volume against the forecast"],
        },
    ];
}
