using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudPortal.BrowserTests;

/// <summary>The static search index, read by the theme's search.js in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class SearchTests(PortalFixture portal)
{
    private const string Results = "[data-search-results] li.card";

    [Fact]
    public Task Given_the_zh_search_page_When_searching_cloud_computing_in_chinese_Then_highlighted_results_lead_to_a_page_containing_it() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/search/?q=" + Uri.EscapeDataString("云计算")));

            var results = page.Locator(Results);
            await Expect(results.First).ToBeVisibleAsync();
            Assert.True(await results.CountAsync() >= 1);
            await Expect(page.Locator("[data-search-results] mark").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-search-status]")).ToHaveTextAsync(new Regex(@"^\d+ 个结果$"));

            var first = results.First.Locator("h2 a");
            var href = await first.GetAttributeAsync("href");
            Assert.False(string.IsNullOrEmpty(href));
            await first.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == new Uri(new Uri(page.Url), href!).AbsolutePath);
            Assert.NotEqual("/search/", new Uri(page.Url).AbsolutePath);
            await Expect(page.Locator("body")).ToContainTextAsync("云计算");
        });

    [Theory]
    [InlineData("可用区")]
    [InlineData("华为云")]
    [InlineData("马来西亚")]
    public Task Given_the_zh_search_page_When_searching_a_chinese_term_without_spaces_Then_pages_are_found(string query) =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/search/?q=" + Uri.EscapeDataString(query)));

            await Expect(page.Locator(Results).First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-search-results] mark").First).ToBeVisibleAsync();
            Assert.True(await ResultCountAsync(page) >= 1);
        });

    [Fact]
    public Task Given_the_en_search_page_When_searching_regions_Then_pages_saying_region_are_found_too() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/en/search/?q=regions"));
            await Expect(page.Locator(Results).First).ToBeVisibleAsync();
            var plural = await ResultCountAsync(page);

            await page.GotoAsync(portal.Url("/en/search/?q=region"));
            await Expect(page.Locator(Results).First).ToBeVisibleAsync();
            var singular = await ResultCountAsync(page);

            Assert.True(plural >= 1);
            Assert.Equal(singular, plural);
        });

    [Fact]
    public Task Given_the_en_search_page_When_searching_Telefonica_without_its_accent_Then_pages_about_it_are_found() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/en/search/?q=Telefonica"));
            var results = page.Locator(Results);
            await Expect(results.First).ToBeVisibleAsync();
            await Expect(results.First).ToContainTextAsync("Telefónica");
            await Expect(page.Locator("[data-search-results] mark", new() { HasText = "Telefónica" }).First).ToBeVisibleAsync();
            var folded = await ResultCountAsync(page);

            await page.GotoAsync(portal.Url("/en/search/?q=" + Uri.EscapeDataString("Telefónica")));
            await Expect(results.First).ToBeVisibleAsync();
            Assert.True(folded >= 1);
            Assert.Equal(await ResultCountAsync(page), folded);
        });

    [Fact]
    public Task Given_an_article_page_When_a_query_is_typed_into_the_header_box_and_Enter_pressed_Then_the_search_page_lists_results() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/articles/global-footprint/"));

            var box = page.Locator(".site-header input[type=search]");
            await box.FillAsync("华为云");
            await box.PressAsync("Enter");

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/search/");
            Assert.Equal("华为云", QueryOf(page.Url));
            await Expect(page.Locator(Results).First).ToBeVisibleAsync();
            await Expect(page.Locator("form[data-search-index] input[type=search]")).ToHaveValueAsync("华为云");
        });

    [Fact]
    public Task Given_a_query_with_more_than_a_page_of_results_When_more_is_clicked_Then_the_next_ones_follow_without_repeating_any() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/en/search/?q=cloud"));
            var results = page.Locator(Results);
            await Expect(results).ToHaveCountAsync(10);
            var total = await ResultCountAsync(page);
            Assert.True(total > 10, $"the portal should have more than ten English pages saying 'cloud', found {total}");
            var firstPage = await results.Locator("h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

            await page.Locator("[data-search-results] button.more").ClickAsync();

            await Expect(results).ToHaveCountAsync(Math.Min(20, total));
            var shown = await results.Locator("h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.Equal(firstPage, shown.Take(10));
            Assert.Equal(shown.Length, shown.Distinct().Count());
        });

    [Fact]
    public Task Given_chunks_that_never_arrive_When_searching_cloud_Then_the_first_result_still_shows_from_its_shards_previews_as_its_chunk_would() =>
        portal.BrowseAsync(async page =>
        {
            // "cloud" has the most postings of its shard (nearly every English page says it), and a shard's
            // previews start with the first document of that token.
            var query = "/en/search/?q=cloud";
            await page.GotoAsync(portal.Url(query));
            var first = page.Locator(Results).First;
            await Expect(first).ToBeVisibleAsync();
            var expected = await first.InnerHTMLAsync();

            var chunks = 0;
            await page.RouteAsync("**/search/en/docs/**", route =>
            {
                chunks++;
                return route.AbortAsync();
            });
            await page.GotoAsync(portal.Url(query + "&again"));

            await Expect(first).ToBeVisibleAsync();
            Assert.Equal(expected, await first.InnerHTMLAsync());
            await Expect(first.Locator("mark").First).ToBeVisibleAsync();
            Assert.True(chunks <= 9, $"{chunks} chunk requests: the first result should need none");
        });

    /// <summary>The number the status line announces ("12 个结果", "3 results"): every match, not only those shown.</summary>
    private static async Task<int> ResultCountAsync(IPage page)
    {
        var status = page.Locator("[data-search-status]");
        await Expect(status).ToHaveTextAsync(CountPattern());
        return int.Parse(CountPattern().Match(await status.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string? QueryOf(string url) =>
        new Uri(url).Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "q")
            .Select(pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')))
            .FirstOrDefault();

    [GeneratedRegex(@"^(\d+)\s*(个结果|results?)$")]
    private static partial Regex CountPattern();
}
