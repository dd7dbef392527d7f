using CloudPortal.Loading;

namespace CloudPortal.Graph;

/// <summary>Decides which pages are published: drafts, future-dated and expired pages stay out unless asked for.</summary>
public sealed record PublishFilter(bool Drafts, bool Future, bool Expired, DateTimeOffset Now)
{
    public static readonly PublishFilter Everything = new(true, true, true, DateTimeOffset.MaxValue);

    /// <summary>Why a page is left out, phrased for an error message, or null when it is published.</summary>
    public string? ExclusionReason(SourcePage source)
    {
        var fm = source.FrontMatter;
        if (fm.Draft && !Drafts)
        {
            return "a draft (build with --drafts to include it)";
        }

        if (fm.Date > Now && !Future)
        {
            return $"dated in the future, {fm.Date:yyyy-MM-dd} (build with --future to include it)";
        }

        if (fm.Expires <= Now && !Expired)
        {
            return $"expired on {fm.Expires:yyyy-MM-dd} (build with --expired to include it)";
        }

        return null;
    }
}
