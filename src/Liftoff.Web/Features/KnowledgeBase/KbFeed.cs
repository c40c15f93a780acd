using System.Globalization;
using System.Text;
using System.Xml;
using Liftoff.Web.Infrastructure.Markdown;

namespace Liftoff.Web.Features.KnowledgeBase;

/// <summary>An Atom 1.0 feed (RFC 4287) of the public release announcements.</summary>
public static class KbFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Write(IReadOnlyList<KbPublishedArticle> entries, string baseUrl, DateTimeOffset now,
        MarkdownRenderer markdown)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"{baseUrl}/kb/announcements.atom");
            xml.WriteElementString("title", Atom, "Liftoff release announcements");
            xml.WriteElementString("updated", Atom, Stamp(entries.Count > 0 ? entries.Max(e => e.PublishedAt) : now));
            Link(xml, "self", $"{baseUrl}/kb/announcements.atom", "application/atom+xml");
            Link(xml, "alternate", $"{baseUrl}/Portal/Kb", "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "Liftoff");
            xml.WriteEndElement();
            foreach (var e in entries)
            {
                var url = $"{baseUrl}/Portal/Kb/{e.Id.ToString(CultureInfo.InvariantCulture)}";
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                xml.WriteElementString("title", Atom, e.Title);
                xml.WriteElementString("updated", Atom, Stamp(e.PublishedAt));
                Link(xml, "alternate", url, "text/html");
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(markdown.ToSafeHtml(e.BodyMarkdown));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime()
        .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
