using System.IO.Hashing;

namespace CloudPortal.Build;

/// <summary>
/// 128 bits of hash from two XxHash64 states with different seeds, for the build fingerprint. XxHash128's
/// vectorised code has no ReadyToRun form and was compiled at start-up, a twentieth of a build with
/// nothing to do; XxHash64's has.
/// </summary>
internal sealed class FingerprintHash
{
    private readonly XxHash64 _low = new(0);
    private readonly XxHash64 _high = new(unchecked((long)0x9E3779B97F4A7C15));

    public void Append(ReadOnlySpan<byte> data)
    {
        _low.Append(data);
        _high.Append(data);
    }

    public string Hex() =>
        string.Concat(_high.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            _low.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
}
