namespace Liftoff.Web.Infrastructure.Web;

/// <summary>
/// The Content-Security-Policy of the API reference page (Scalar). The library starts with one inline module
/// script carrying a fresh nonce per response. Its script then adds three style elements of its own (its
/// stylesheet, the toast styles and the default theme) and, while measuring the scroll bar, two style
/// attributes; the browser checks each before it carries the nonce, so each is allowed by the hash of its
/// exact text and nothing else inline is. The line counts of code examples differ per example, so
/// /js/api-reference.js sets them through the style object instead.
/// A Scalar upgrade that changes one of these texts shows up as a refused style in the browser journey of the
/// API reference; the refusal names the new hash.
/// </summary>
public static class ApiReferencePolicy
{
    /// <summary>Where Scalar keeps the nonce of its inline script and style for this response.</summary>
    public const string NonceKey = "Scalar.Nonce";

    /// <summary>The stylesheet, the toast styles and the default theme Scalar 2.19 adds as style elements.</summary>
    private const string StyleElementHashes = "'sha256-St8O8YusCkYeC9X2ma3nlCP1u4+35DgBPOzt1kBwxsM=' "
        + "'sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI=' 'sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo='";

    /// <summary>The two boxes Scalar 2.19 writes as markup to measure the width of the scroll bar.</summary>
    private const string StyleAttributeHashes =
        "'sha256-im4bR8m0i9OTwS6FwAG4MKlk4URQdZkDu1Tx9kDpKNw=' 'sha256-v6FGbsebOHJ39qjwyswuNyhVylA7DHti/pqoiIvwbXQ='";

    /// <summary>
    /// The site's policy with the nonce added to scripts and styles, the style elements and attributes above
    /// allowed by hash, and no 'unsafe-inline' anywhere.
    /// </summary>
    public static string For(string sitePolicy, string nonce) => sitePolicy
        .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
        .Replace("style-src 'self'", $"style-src 'self' 'nonce-{nonce}' {StyleElementHashes}; "
            + $"style-src-attr 'unsafe-hashes' {StyleAttributeHashes}", StringComparison.Ordinal);
}
