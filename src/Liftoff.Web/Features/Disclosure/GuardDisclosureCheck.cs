using Liftoff.Web.Infrastructure.Disclosure;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>The disclosure guard behind the one seam every outgoing text passes.</summary>
public sealed class GuardDisclosureCheck(DisclosureService guard) : IDisclosureCheck
{
    public async Task<DisclosureVerdict> CheckAsync(string text, DisclosureAudience audience, CancellationToken ct) =>
        Verdict(await guard.CheckAsync(text, audience, ct));

    public static DisclosureVerdict Verdict(DisclosureCheckResult result)
    {
        if (result.Status == Domain.Disclosure.DisclosureStatus.Refused)
        {
            return new DisclosureVerdict([new DisclosureFinding(0, 0, "", result.RefusalReason
                ?? "The text was refused.")]);
        }
        return new DisclosureVerdict(result.Findings.Select(f =>
            new DisclosureFinding(f.Start, f.Length, f.Text, f.Reason)).ToList());
    }
}
