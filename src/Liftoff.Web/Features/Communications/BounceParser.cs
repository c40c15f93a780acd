using Liftoff.Web.Infrastructure.Email;
using MimeKit;

namespace Liftoff.Web.Features.Communications;

public enum BounceReportKind
{
    /// <summary>An RFC 3464 delivery status notification.</summary>
    DeliveryStatus,

    /// <summary>An RFC 5965 (ARF) abuse report.</summary>
    Complaint,

    /// <summary>A mail to the List-Unsubscribe mailto address.</summary>
    Unsubscribe,

    /// <summary>Not understood: kept in the mailbox and listed.</summary>
    Unknown,
}

/// <summary>One recipient line of a report: RFC 3464 Action and Status, or a complaint's feedback type.</summary>
public sealed record BounceRecipient(string? FinalRecipient, string Action, string? Status, string? Diagnostic)
{
    /// <summary>5.x.x and "failed": the address will not work. 4.x.x or "delayed": it may later.</summary>
    public bool IsHard => Action.Equals("failed", StringComparison.OrdinalIgnoreCase)
        && (Status ?? "5").StartsWith('5');

    public bool IsSoft => !IsHard && (Action.Equals("delayed", StringComparison.OrdinalIgnoreCase)
        || (Action.Equals("failed", StringComparison.OrdinalIgnoreCase) && (Status ?? "").StartsWith('4')));
}

public sealed record BounceReport(BounceReportKind Kind, ReturnPathToken? Token,
    IReadOnlyList<BounceRecipient> Recipients, string? Reason);

/// <summary>
/// Reads what a message in the bounce mailbox says. The recipient concerned comes from the return-path token
/// (which Liftoff signed), never from the report's own text, so a forged report cannot suppress an address.
/// </summary>
public sealed class BounceParser(ReturnPaths returnPaths)
{
    private static readonly string[] AddressHeaders = ["Delivered-To", "X-Original-To", "To", "Envelope-To"];

    public BounceReport Parse(MimeMessage message)
    {
        var token = TokenFromHeaders(message.Headers);
        var report = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (report is not null)
        {
            var recipients = report.StatusGroups.Skip(1).Select(g => new BounceRecipient(
                    AfterType(g["Final-Recipient"]), (g["Action"] ?? "").Trim(), g["Status"]?.Trim(),
                        Clean(g["Diagnostic-Code"])))
                .ToList();
            return recipients.Count == 0
                ? new BounceReport(BounceReportKind.Unknown, token, [], "A delivery status report without recipients.")
                : new BounceReport(BounceReportKind.DeliveryStatus, token ?? TokenFromOriginal(message), recipients,
                    null);
        }
        var feedback = message.BodyParts.OfType<MessageFeedbackReport>().FirstOrDefault();
        if (feedback is not null)
        {
            var type = feedback.Fields["Feedback-Type"]?.Trim() ?? "abuse";
            var complaintToken = returnPaths.Read(AfterType(feedback.Fields["Original-Mail-From"]))
                ?? TokenFromOriginal(message) ?? token;
            return new BounceReport(BounceReportKind.Complaint, complaintToken,
                [new BounceRecipient(AfterType(feedback.Fields["Original-Rcpt-To"]), "complaint", type,
                    Clean(feedback.Fields["User-Agent"]))], null);
        }
        if (token is { Kind: ReturnPathKind.Unsubscribe })
        {
            return new BounceReport(BounceReportKind.Unsubscribe, token, [], null);
        }
        return new BounceReport(BounceReportKind.Unknown, token, [],
            token is null
                ? "Neither a delivery status report nor a complaint, and not addressed to a return path of Liftoff."
                : "Addressed to a return path, but neither a delivery status report nor a complaint report.");
    }

    private ReturnPathToken? TokenFromHeaders(HeaderList headers) =>
        AddressHeaders.SelectMany(name => headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(h => Addresses(h.Value)).Select(returnPaths.Read).FirstOrDefault(t => t is not null);

    /// <summary>The returned original (or its headers) carries the return path it was sent with.</summary>
    private ReturnPathToken? TokenFromOriginal(MimeMessage message)
    {
        var original = message.BodyParts.OfType<MessagePart>().Select(p => p.Message)
            .FirstOrDefault(m => m is not null);
        HeaderList? headers = original?.Headers;
        if (headers is null && message.BodyParts.OfType<TextRfc822Headers>().FirstOrDefault() is { } part)
        {
            headers = part.Message?.Headers;
        }
        return headers is null ? null
            : headers.Where(h => h.Field.Equals("Return-Path", StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => Addresses(h.Value)).Select(returnPaths.Read).FirstOrDefault(t => t is not null);
    }

    private static IEnumerable<string> Addresses(string value) =>
        InternetAddressList.TryParse(value, out var list) ? list.Mailboxes.Select(m => m.Address)
            : [value.Trim().Trim('<', '>')];

    /// <summary>"rfc822; someone@example.com" → "someone@example.com".</summary>
    private static string? AfterType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var semi = value.IndexOf(';', StringComparison.Ordinal);
        return (semi >= 0 ? value[(semi + 1)..] : value).Trim().Trim('<', '>');
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Trim();
        return text.Length > 1000 ? text[..1000] : text;
    }
}
