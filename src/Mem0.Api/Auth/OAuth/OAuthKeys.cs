using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// The keys of the authorization server, all from OAUTH_SIGNING_KEY: the RSA key signs access tokens (RS256,
/// published at the JWKS endpoint); a 256-bit key derived from it with HKDF encrypts authorization codes and
/// refresh tokens. Deriving it means one secret to manage and tokens that survive a restart or a second replica.
/// </summary>
public sealed class OAuthKeys
{
    private OAuthKeys(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }
    public SymmetricSecurityKey Encryption { get; }

    /// <summary>Null and a reason when the PEM is not an RSA private key of at least 2048 bits.</summary>
    public static OAuthKeys? TryLoad(string pem, out string? problem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            var privateKey = rsa.ExportPkcs8PrivateKey();
            if (rsa.KeySize < 2048)
            {
                rsa.Dispose();
                problem = $"OAUTH_SIGNING_KEY is a {rsa.KeySize}-bit RSA key; use 2048 bits or more (openssl genrsa 2048).";
                return null;
            }
            var publicKey = rsa.ExportSubjectPublicKeyInfo();
            var signing = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(publicKey)[..12]) };
            var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, privateKey, 32, salt: [], info: Encoding.ASCII.GetBytes("mem0 oauth token encryption v1"));
            problem = null;
            return new OAuthKeys(signing, new SymmetricSecurityKey(derived) { KeyId = "enc-" + signing.KeyId });
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            problem = "OAUTH_SIGNING_KEY must be a PEM RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----; "
                      + "write newlines as \\n in a one-line variable). Generate one with: openssl genrsa 2048.";
            return null;
        }
    }
}
