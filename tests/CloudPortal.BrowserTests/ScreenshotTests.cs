using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudPortal.BrowserTests;

/// <summary>
/// Full-page screenshots of the main page kinds on a phone and on a desktop, for a person to look at, and
/// a check that nothing makes a phone-sized page scroll sideways.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ScreenshotTests(PortalFixture portal, ITestOutputHelper output)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "home", "/" },
        { "article", "/articles/global-footprint/" },
        { "case", "/cases/telefonica-opencloud/" },
        { "provider", "/en/providers/huawei-cloud/" },
        { "search", "/search/?q=" + Uri.EscapeDataString("云计算") },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Given_a_phone_sized_window_When_the_page_is_shown_Then_it_is_captured_and_does_not_overflow_sideways(string name, string path) =>
        portal.BrowseAsync(async page =>
        {
            var file = await CaptureAsync(page, name, "mobile", path);

            var overflow = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(overflow[0] <= overflow[1], $"{path} is {overflow[0]} px wide in a {overflow[1]} px window; see {file}");
        }, new() { ViewportSize = new() { Width = 375, Height = 812 } });

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Given_a_desktop_window_When_the_page_is_shown_Then_it_is_captured(string name, string path) =>
        portal.BrowseAsync(async page => await CaptureAsync(page, name, "desktop", path),
            new() { ViewportSize = new() { Width = 1280, Height = 900 } });

    private async Task<string> CaptureAsync(IPage page, string name, string device, string path)
    {
        await page.GotoAsync(portal.Url(path), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        if (name == "search")
        {
            await Expect(page.Locator("[data-search-results] li.card").First).ToBeVisibleAsync();
        }

        Directory.CreateDirectory(PortalFixture.ScreenshotFolder);
        var file = Path.Combine(PortalFixture.ScreenshotFolder, $"{name}-{device}.png");
        File.Delete(file);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });

        Assert.True(new FileInfo(file).Length > 0, file);
        output.WriteLine($"screenshot: {file}");
        Console.WriteLine($"screenshot: {file}");
        return file;
    }
}
