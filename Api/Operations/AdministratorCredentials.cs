using System.Security.Cryptography;
using System.Text;

namespace Chat.Api.Operations;

/// <summary>
/// The administrator's HTTP Basic credentials (<c>Chat:Dashboard:UserName</c>/<c>Password</c>), checked in the same
/// time whatever the input. Used by the dashboard and <c>/metrics</c>.
/// </summary>
public sealed class AdministratorCredentials(string userName, string password)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{userName}:{password}"));

    /// <summary>True when <paramref name="authorization"/> (an Authorization header) carries these credentials.</summary>
    public bool Match(string authorization)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(authorization[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded), _expected);
    }
}
