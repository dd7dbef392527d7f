using System.Globalization;

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
}
