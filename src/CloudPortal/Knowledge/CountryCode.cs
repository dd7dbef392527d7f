using System.Globalization;
using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

/// <summary>ISO 3166 alpha-2 codes, checked against the region data .NET ships (ICU).</summary>
public static class CountryCode
{
    public static bool IsValid(string code)
    {
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static string? Read(YamlFields f, string key)
    {
        var code = f.Text(key);
        if (code is not null && !IsValid(code))
        {
            f.Context.Diagnostics.Error(f.LocationOf(key), $"`{key}` must be an ISO 3166 country code like CN or CH, not '{code}'");
            return null;
        }

        return code;
    }

    internal static IReadOnlyList<string> ReadList(YamlFields f, string key)
    {
        var codes = f.TextList(key);
        foreach (var code in codes.Where(c => !IsValid(c)))
        {
            f.Context.Diagnostics.Error(f.LocationOf(key), $"`{key}` has '{code}', which is not an ISO 3166 country code like BR or CL");
        }

        return codes.Where(IsValid).ToList();
    }
}
