using RelevanceRelated.Contracts;
using System.Security.Cryptography;
using System.Text;

namespace RelevanceRelated.Grains.Stages;

/// <summary>SHA-256 over a sequence of strings, each length-prefixed so that ("ab","c") and ("a","bc") differ.</summary>
public static class StageHash
{
    public static string Of(params IEnumerable<string?> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part ?? "\0null");
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
