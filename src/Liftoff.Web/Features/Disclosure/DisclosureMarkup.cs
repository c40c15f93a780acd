using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>One outgoing part (e.g. "Customer-facing notes") with the passages the disclosure check found in
/// it.</summary>
public sealed record BlockedText(string Part, string Text, IReadOnlyList<FindingView> Findings);

/// <summary>What a page needs to show blocked texts and, for a lead, the override form of each finding.</summary>
public sealed record DisclosureBlockView(IReadOnlyList<BlockedText> Parts, bool CanOverride, string OverrideHandler,
    int RouteId);

public static class DisclosureMarkup
{
    /// <summary>The text, HTML-encoded, with each finding wrapped in a mark element.</summary>
    public static IHtmlContent Mark(string text, IEnumerable<FindingView> findings)
    {
        var html = new StringBuilder();
        var pos = 0;
        foreach (var f in findings.OrderBy(f => f.Start))
        {
            if (f.Length == 0 || f.Start < pos || f.Start + f.Length > text.Length)
            {
                continue;
            }
            html.Append(HtmlEncoder.Default.Encode(text[pos..f.Start]));
            html.Append("<mark title=\"").Append(HtmlEncoder.Default.Encode(f.Reason)).Append("\">")
                .Append(HtmlEncoder.Default.Encode(text.Substring(f.Start, f.Length))).Append("</mark>");
            pos = f.Start + f.Length;
        }
        html.Append(HtmlEncoder.Default.Encode(text[pos..]));
        return new HtmlString(html.ToString());
    }
}
