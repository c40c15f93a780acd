using System.Text.RegularExpressions;
using Liftoff.Web.Infrastructure.Email;

namespace Liftoff.Web.Infrastructure.Cli;

/// <summary>
/// `dkim create &lt;domain&gt; &lt;selector&gt; [--out &lt;file&gt;]`: writes a new private key where secrets belong
/// (a file readable only by this user, outside the repository and the database) and prints the DNS record.
/// </summary>
public static partial class DkimCommand
{
    public static int Create(string domain, string selector, string[] rest, TextWriter output, TextWriter error)
    {
        if (!DomainPattern().IsMatch(domain) || !SelectorPattern().IsMatch(selector))
        {
            error.WriteLine(
                "Give a domain such as example.com and a selector such as liftoff1 (letters, digits, hyphens).");
            return 2;
        }
        var path = rest is ["--out", var file] ? Path.GetFullPath(file)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".liftoff", "dkim",
                $"{selector}.{domain}.pem");
        if (File.Exists(path))
        {
            error.WriteLine(
                $"{path} already exists; choose a new selector (keys are rotated by publishing a new selector).");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (pem, txt) = DkimSigning.CreateKey();
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(path, create))
        {
            writer.Write(pem);
        }
        output.WriteLine(
            $"Private key written to {path} (readable only by you; keep it out of backups others can read).");
        output.WriteLine();
        output.WriteLine("Publish this DNS TXT record:");
        output.WriteLine($"{selector}._domainkey.{domain}. IN TXT \"{txt}\"");
        output.WriteLine();
        output.WriteLine("Then configure (environment or user-secrets):");
        output.WriteLine($"  Email__Dkim__Domain={domain}");
        output.WriteLine($"  Email__Dkim__Selector={selector}");
        output.WriteLine($"  Email__Dkim__PrivateKeyPath={path}");
        return 0;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex SelectorPattern();
}
