using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liftoff.Data.Rollout;

namespace Liftoff.Web.Features.LendingShop;

/// <summary>
/// The JSON the lending shop receives and its signature. The release part is fixed at the first
/// attempt and kept, so every attempt describes the release the same way; the envelope carries the
/// delivery id (for the shop to recognise a repeat) and the time of sending (against replays).
/// </summary>
public static class LendingShopPayload
{
    public const string SignatureHeader = "X-Liftoff-Signature";
    public const string DeliveryHeader = "X-Liftoff-Delivery";
    public const string EventHeader = "X-Liftoff-Event";
    public const string EventName = "release.released";

    /// <summary>The customer-facing description of the release; no name (it may be a codename), no roadmap
    /// data.</summary>
    public static string Release(ReleaseEntity release, string? summary)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("id", release.Id);
            json.WriteString("product", release.Product.ToString().ToLowerInvariant());
            json.WriteString("version", release.Version);
            var released = release.ReleasedAt ?? DateTimeOffset.MinValue;
            json.WriteString("releasedOn", DateOnly.FromDateTime(released.UtcDateTime)
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (string.IsNullOrWhiteSpace(summary))
            {
                json.WriteNull("summary");
            }
            else
            {
                json.WriteString("summary", summary.Trim());
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The body of one attempt, as bytes: exactly what is signed and sent.</summary>
    public static byte[] Envelope(int deliveryId, int attempt, DateTimeOffset sentAt, string releaseJson)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("event", EventName);
            json.WriteNumber("deliveryId", deliveryId);
            json.WriteNumber("attempt", attempt);
            json.WriteString("sentAt", sentAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
                CultureInfo.InvariantCulture));
            json.WritePropertyName("release");
            json.WriteRawValue(releaseJson);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body keyed with the shared
    /// secret.</summary>
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
