using System.Security.Cryptography;
using System.Text;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// Splits the real-reply dev set by a stable hash of the reply id: the tuning half may be used for training and
/// threshold choice, the reporting half only to measure. The same id is always on the same side, on any machine.
/// </summary>
public static class DevSplit
{
    /// <summary>True when the reply belongs to the half that is only ever measured, never trained on.</summary>
    public static bool IsReportingHalf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("replylint-dev-split-v1:" + id), hash);
        return (hash[0] & 1) == 1;
    }

    public static bool IsTuningHalf(string id) => !IsReportingHalf(id);
}
