using System.Globalization;
using System.Net;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Markdown;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Features.Communications;

/// <summary>The content of a campaign for one audience, rendered once.</summary>
public sealed record RenderedContent(string Subject, string Html, string Text);

/// <summary>Builds newsletter messages: HTML and plain-text parts, unsubscribe link and RFC 8058 one-click
/// headers.</summary>
public sealed class NewsletterMessageBuilder(
    MarkdownRenderer markdown, UnsubscribeTokens tokens, PublicLinks links, IOptions<EmailOptions> email,
    ReturnPaths returnPaths, DkimSigning dkim, TimeProvider clock)
{
    public RenderedContent Render(NewsletterCampaign campaign, Audience audience)
    {
        var source = audience == Audience.Resellers ? campaign.ResellerMarkdown : campaign.CustomerMarkdown;
        return new RenderedContent(campaign.Subject, markdown.ToSafeHtml(source), source.Trim());
    }

    public string UnsubscribeUrl(int contactId) =>
        links.To($"/unsubscribe/{Uri.EscapeDataString(tokens.Create(contactId))}");

    /// <summary>The envelope sender of a recipient's message: its own return path, so a bounce names the
    /// recipient.</summary>
    public MailboxAddress? ReturnPath(long recipientId) => returnPaths.For(ReturnPathKind.NewsletterRecipient,
        recipientId);

    /// <summary>An address that unsubscribes the contact when mailed (read from the bounce mailbox); null without
    /// one.</summary>
    public string? UnsubscribeMailto(int contactId) =>
        returnPaths.Enabled
            ? $"mailto:{returnPaths.Address(ReturnPathKind.Unsubscribe, contactId)}?subject=unsubscribe" : null;

    public MimeMessage Build(int campaignId, long recipientId, int? contactId, string toAddress, string toName,
        RenderedContent content)
    {
        var e = email.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(e.FromName, e.FromAddress));
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = content.Subject;
        message.Date = clock.GetUtcNow();
        // Stable per ledger row, so a receiving system (and the bench) can recognise a repeat.
        message.MessageId = string.Create(CultureInfo.InvariantCulture,
            $"newsletter-{campaignId}-{recipientId}@liftoff");
        var html = content.Html;
        var text = content.Text;
        if (contactId is { } id)
        {
            var url = UnsubscribeUrl(id);
            // RFC 2369 and 8058: the HTTPS link for one-click, the mailto for clients that only mail.
            var mailto = UnsubscribeMailto(id);
            message.Headers.Add("List-Unsubscribe", mailto is null ? $"<{url}>" : $"<{url}>, <{mailto}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            html += $"<hr><p><small>You receive this because you are on the Liftoff release newsletter list. <a " +
                $"href=\"{WebUtility.HtmlEncode(url)}\">Unsubscribe</a></small></p>";
            text += $"\n\n--\nUnsubscribe: {url}\n";
        }
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = HtmlDocument(html) }.ToMessageBody();
        dkim.Sign(message);
        return message;
    }

    /// <summary>
    /// Mail clients that honour a policy in the HTML part then run no script and submit no form from it,
    /// whatever slipped into the text; images and links still work.
    /// </summary>
    public const string EmailContentSecurityPolicy =
        "default-src 'none'; img-src https: http: data: cid:; style-src 'unsafe-inline'; "
        + "form-action 'none'; base-uri 'none'";

    private static string HtmlDocument(string body) =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + $"<meta http-equiv=\"Content-Security-Policy\" content=\"{EmailContentSecurityPolicy}\"></head>"
        + $"<body>{body}</body></html>";
}
