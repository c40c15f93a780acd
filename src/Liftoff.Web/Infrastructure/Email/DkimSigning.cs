using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>
/// Signs outgoing messages with DKIM (RSA-SHA256, relaxed/relaxed) when a key is configured, so that
/// receiving servers can tell Liftoff's mail from forgeries under its domain.
/// </summary>
public sealed class DkimSigning
{
    /// <summary>Signed when present; a header added later (by a relay) does not break the signature.</summary>
    public static readonly string[] SignedHeaders =
        ["From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"];

    private readonly DkimSigner? _signer;

    public DkimSigning(IOptions<DkimOptions> options)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }
        _signer = new DkimSigner(o.PrivateKeyPath!, o.Domain!, o.Selector!, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    public bool Enabled => _signer is not null;

    /// <summary>Signs in place; the message must not change afterwards.</summary>
    public void Sign(MimeMessage message)
    {
        if (_signer is null)
        {
            return;
        }
        // Fix the transfer encoding now: a relay that re-encodes 8-bit parts would otherwise break the body hash.
        message.Prepare(EncodingConstraint.SevenBit);
        var headers = SignedHeaders.Where(h => message.Headers.Contains(h)).ToList();
        _signer.Sign(message, headers);
    }

    /// <summary>A new 2048-bit RSA key as PKCS#8 PEM, and the DNS TXT value that publishes its public half.</summary>
    public static (string PrivateKeyPem, string DnsTxt) CreateKey()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        var publicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        return (pem, $"v=DKIM1; k=rsa; p={publicKey}");
    }
}
