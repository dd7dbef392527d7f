using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudPortal.BrowserTests;

/// <summary>One page of each kind loads in a browser with no script error, console error or failed request.</summary>
[Collection(PortalCollection.Name)]
public sealed class PageHealthTests(PortalFixture portal)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "home", "/" },
        { "article", "/articles/global-footprint/" },
        { "list", "/en/articles/" },
        { "tags", "/tags/" },
        { "tag", "/en/tags/belt-and-road/" },
        { "provider", "/providers/huawei-cloud/" },
        { "case", "/en/cases/telefonica-opencloud/" },
        { "person", "/people/xu-zhiwei/" },
        { "source", "/en/sources/cloud-going-global-report-2018/" },
        { "organisation", "/organisations/cern/" },
        { "country", "/en/countries/br/" },
        { "industry", "/industries/finance/" },
        { "search", "/search/?q=" + Uri.EscapeDataString("云计算") },
        { "explorer", "/cases/explore/all/all/all/all/" },
        { "archives", "/en/archives/" },
        { "404", "/no-such-page/" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Given_a_page_of_each_kind_When_it_loads_Then_there_are_no_console_errors_and_no_failed_requests(string kind, string path) =>
        portal.BrowseAsync(async page =>
        {
            // Playwright raises these events on its own thread.
            var problems = new ConcurrentQueue<string>();
            page.Console += (_, message) =>
            {
                // The browser logs the intended 404 of the missing page itself. It also asks for /favicon.ico on its
                // own (not the page: no request event is raised), at most once per browser and at no fixed moment;
                // the portal has no favicon, so that 404 would make the test pass or fail by timing. Any other
                // error counts.
                var expected = (kind == "404" && message.Location.StartsWith(portal.Url(path) + ":", StringComparison.Ordinal))
                    || message.Location.StartsWith(portal.Url("/favicon.ico") + ":", StringComparison.Ordinal);
                if (message.Type == "error" && !expected)
                {
                    problems.Enqueue($"console error: {message.Text} ({message.Location})");
                }
            };
            page.PageError += (_, error) => problems.Enqueue("uncaught: " + error);
            page.RequestFailed += (_, request) => problems.Enqueue($"request failed: {request.Url} ({request.Failure})");
            page.Response += (_, response) =>
            {
                var intended = kind == "404" && response.Url == portal.Url(path);
                if (response.Status >= 400 && !intended)
                {
                    problems.Enqueue($"HTTP {response.Status}: {response.Url}");
                }
            };

            var response = await page.GotoAsync(portal.Url(path), new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.NotNull(response);
            Assert.Equal(kind == "404" ? 404 : 200, response.Status);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            if (kind == "search")
            {
                await Expect(page.Locator("[data-search-results] li.card").First).ToBeVisibleAsync();
            }

            Assert.True(problems.IsEmpty, $"{kind} {path}:\n" + string.Join("\n", problems));
        });
}
