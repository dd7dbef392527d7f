using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudPortal.BrowserTests;

/// <summary>Moving around the portal: the language switcher, the case explorer and the country map.</summary>
[Collection(PortalCollection.Name)]
public sealed class NavigationTests(PortalFixture portal)
{
    [Fact]
    public Task Given_a_zh_article_When_the_language_switcher_link_is_clicked_Then_its_english_translation_opens() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/articles/global-footprint/"));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh");

            await page.Locator(".languages a").First.ClickAsync();

            await page.WaitForURLAsync(portal.Url("/en/articles/global-footprint/"));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        });

    [Fact]
    public Task Given_the_case_explorer_When_a_country_facet_is_clicked_Then_only_its_cases_are_listed_in_place_and_Back_restores_all() =>
        portal.BrowseAsync(async page =>
        {
            var all = portal.Url("/en/cases/explore/all/all/all/all/");
            await page.GotoAsync(all);
            var cards = page.Locator("[data-explorer-results] .cards > li");
            await Expect(cards.First).ToBeVisibleAsync();
            var total = await cards.CountAsync();

            // A marker on window survives only if the script swaps the results in place rather than reloading.
            await page.EvaluateAsync("() => { window.__explorerMarker = true; }");
            await page.Locator(".facets a", new() { HasText = "Brazil" }).ClickAsync();

            // history.pushState is a same-document navigation: the assertion polls the URL the browser shows.
            await Expect(page).ToHaveURLAsync(portal.Url("/en/cases/explore/br/all/all/all/"));
            await Expect(page.Locator(".facets a[aria-current]", new() { HasText = "Brazil" })).ToBeVisibleAsync();
            await Expect(cards).Not.ToHaveCountAsync(total);
            var matching = await cards.CountAsync();
            Assert.InRange(matching, 1, total - 1);
            foreach (var meta in await cards.Locator(".meta").AllInnerTextsAsync())
            {
                Assert.Contains("Brazil", meta);
            }

            Assert.True(await page.EvaluateAsync<bool>("() => window.__explorerMarker === true"), "the explorer reloaded the page instead of swapping the results");

            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(all);
            await Expect(cards).ToHaveCountAsync(total);
            await Expect(page.Locator(".facets section").First.Locator("a[aria-current]")).ToHaveTextAsync("All");
        });

    [Fact]
    public Task Given_the_countries_page_When_a_country_is_clicked_on_the_map_Then_the_whole_window_opens_its_page() =>
        portal.BrowseAsync(async page =>
        {
            await page.GotoAsync(portal.Url("/en/countries/"));
            var map = page.Locator("figure.map object");
            await Expect(map).ToHaveAttributeAsync("data", "/en/countries/map.svg");

            // FrameLocator and ContentFrameAsync only know iframes, but the SVG document of an <object> is still a
            // child frame of the page; the load event that GotoAsync waits for includes it.
            var svg = page.FrameByUrl(url => new Uri(url).AbsolutePath == "/en/countries/map.svg");
            Assert.True(svg is not null && svg.ParentFrame == page.MainFrame, "the map's SVG document is not a frame of the page");
            var brazil = svg.Locator("a.map-link[href='/en/countries/br/']");
            await Expect(brazil).ToHaveAttributeAsync("target", "_top");
            await brazil.ClickAsync();

            await page.WaitForURLAsync(portal.Url("/en/countries/br/"));
            await Expect(page.Locator("h1")).ToContainTextAsync("Brazil");
        });
}
