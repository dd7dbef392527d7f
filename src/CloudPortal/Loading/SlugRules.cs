namespace CloudPortal.Loading;

/// <summary>
/// What a slug or id may contain. Letters (any script), digits, '-' and '_' only: no dots, slashes or
/// backslashes, so no slug can name a path outside the output folder.
/// </summary>
public static class SlugRules
{
    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= 120
        && slug[0] != '-'
        && slug.All(c => char.IsLetterOrDigit(c) || c is '-' or '_')
        && slug.All(c => !char.IsUpper(c));

    public const string Explanation = "use lower-case letters, digits and hyphens, e.g. global-footprint";
}
