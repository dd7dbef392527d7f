using System.Globalization;
using System.Xml.Linq;
using CloudPortal.Knowledge;
using CloudPortal.Pictures;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Pictures;

public sealed class PicturesTests
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";
    private static readonly string DataPath = Path.Combine(Repository.Root, WorldMapData.DefaultPath);
    private static readonly Lazy<WorldMapData> Data = new(() => WorldMapData.Load(DataPath));

    private static readonly MapCountry[] Countries =
    [
        new("CL", "Chile", 8, "/en/countries/cl/"),
        new("BR", "Brazil", 3, "/en/countries/br/"),
        new("CH", "Switzerland", 2, "/en/countries/ch/"),
        new("MY", "马来西亚", 1, "/countries/my/"),
    ];

    [Fact]
    public void Given_the_committed_data_file_When_loaded_Then_the_portals_countries_have_outlines_and_label_points_inside_the_view()
    {
        var data = Data.Value;

        Assert.True(new FileInfo(DataPath).Length < 200 * 1024, "world-110m.json should stay under 200 KB");
        Assert.Equal($"0 0 {data.Width.ToString(CultureInfo.InvariantCulture)} {data.Height.ToString(CultureInfo.InvariantCulture)}", data.ViewBox);
        foreach (var code in new[] { "CH", "BR", "CL", "MX", "AR", "PE", "MY", "CN", "US", "DE", "SG", "HK" })
        {
            Assert.True(data.Countries.TryGetValue(code, out var shape), $"{code} is missing");
            Assert.StartsWith("M", shape.Path, StringComparison.Ordinal);
            Assert.True(shape.Path.Length > 20, $"{code} has an empty outline");
            Assert.InRange(shape.LabelX, 0, data.Width);
            Assert.InRange(shape.LabelY, 0, data.Height);
        }

        Assert.True(data.Countries.Count > 200);
        Assert.DoesNotContain("AQ", data.Countries.Keys);
        // Codes are the site's country codes; only Western Sahara is an ISO code .NET's region data lacks.
        Assert.Equal(["EH"], data.Countries.Keys.Where(code => !CountryCode.IsValid(code)).Order(StringComparer.Ordinal));
        Assert.True(data.Countries["SG"].IsSmall);
        Assert.False(data.Countries["CN"].IsSmall);
    }

    [Fact]
    public void Given_a_broken_data_file_When_loaded_Then_the_error_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cloudportal-map-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"width": 1000, "height": 450, "countries": {"ch": {"name": "x", "d": "M0 0Z", "label": [1, 2]}}}""");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => WorldMapData.Load(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("\"ch\"", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Given_countries_When_the_map_is_rendered_Then_it_is_well_formed_svg_with_an_accessible_name_and_description()
    {
        var svg = WorldMap.Render(Data.Value, Countries, "Case studies by country", "Chile has the most.");

        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(S + "svg", root.Name);
        Assert.Equal(Data.Value.ViewBox, (string?)root.Attribute("viewBox"));
        Assert.Equal("100%", (string?)root.Attribute("width"));
        Assert.Equal("group", (string?)root.Attribute("role")); // it holds links, so not role="img"
        var ids = root.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        var title = root.Element(S + "title")!;
        var desc = root.Element(S + "desc")!;
        Assert.Equal("Case studies by country", title.Value);
        Assert.Equal("Chile has the most.", desc.Value);
        Assert.Equal((string?)title.Attribute("id"), (string?)root.Attribute("aria-labelledby"));
        Assert.Equal((string?)desc.Attribute("id"), (string?)root.Attribute("aria-describedby"));
        Assert.Contains((string)root.Attribute("aria-labelledby")!, ids);
        Assert.DoesNotContain("xlink", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // Every country is drawn once: the highlighted ones inside their link, the others in the base layer.
        Assert.Equal(Data.Value.Countries.Count + Data.Value.Unassigned.Count, root.Descendants(S + "path").Count());
    }

    [Fact]
    public void Given_countries_When_the_map_is_rendered_Then_each_is_linked_to_its_page_with_its_outline_tooltip_and_marker()
    {
        var root = XDocument.Parse(WorldMap.Render(Data.Value, Countries, "t", "d")).Root!;

        var links = root.Descendants(S + "a").ToDictionary(a => (string)a.Attribute("href")!);
        Assert.Equal(Countries.Select(c => c.Url).Order(StringComparer.Ordinal), links.Keys.Order(StringComparer.Ordinal));
        foreach (var country in Countries)
        {
            var link = links[country.Url];
            Assert.Equal($"{country.Name}: {country.Count}", link.Element(S + "title")!.Value);
            Assert.Equal(Data.Value.Countries[country.Code].Path, (string?)link.Element(S + "path")!.Attribute("d"));
            var marker = link.Element(S + "circle")!;
            Assert.Equal(Data.Value.Countries[country.Code].LabelX, double.Parse((string)marker.Attribute("cx")!, CultureInfo.InvariantCulture), 1);
        }

        var labels = root.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "map-label").Select(t => t.Value).ToList();
        Assert.Equal(Countries.Select(c => c.Name).Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Given_counts_1_2_3_and_8_When_the_map_is_rendered_Then_shading_classes_step_by_share_of_the_largest_count()
    {
        var root = XDocument.Parse(WorldMap.Render(Data.Value, Countries, "t", "d")).Root!;

        var classes = root.Descendants(S + "a").ToDictionary(
            a => (string)a.Attribute("href")!,
            a => (string)a.Element(S + "path")!.Attribute("class")!);
        Assert.Equal("map-c4", classes["/en/countries/cl/"]); // 8 of 8
        Assert.Equal("map-c2", classes["/en/countries/br/"]); // 3 of 8 → ceil(1.5)
        Assert.Equal("map-c1", classes["/en/countries/ch/"]); // 2 of 8 → ceil(1)
        Assert.Equal("map-c1", classes["/countries/my/"]);    // 1 of 8
    }

    [Theory]
    [InlineData(1, 1, 4)]
    [InlineData(1, 4, 1)]
    [InlineData(2, 4, 2)]
    [InlineData(3, 4, 3)]
    [InlineData(4, 4, 4)]
    [InlineData(5, 100, 1)]
    [InlineData(0, 4, 1)]
    public void Given_a_count_and_the_largest_count_When_levelled_Then_the_level_is_between_1_and_4(int count, int max, int level) =>
        Assert.Equal(level, WorldMap.LevelOf(count, max));

    [Fact]
    public void Given_unknown_codes_When_the_map_is_rendered_Then_they_are_skipped_and_reported_in_input_order()
    {
        MapCountry[] countries = [new("ZZ", "Nowhere", 3, "/zz/"), new("de", "Deutschland", 1, "/de/"), new("Q1", "Q", 1, "/q/")];

        var svg = WorldMap.Render(Data.Value, countries, "t", "d", out var unknown);

        Assert.Equal(["ZZ", "Q1"], unknown);
        var hrefs = XDocument.Parse(svg).Root!.Descendants(S + "a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.Equal(["/de/"], hrefs); // a lower-case code is accepted
        Assert.DoesNotContain("Nowhere", svg, StringComparison.Ordinal);
        Assert.Equal(svg, WorldMap.Render(Data.Value, countries, "t", "d"));
    }

    [Fact]
    public void Given_a_country_listed_twice_When_the_map_is_rendered_Then_it_is_refused()
    {
        MapCountry[] countries = [new("DE", "Germany", 1, "/de/"), new("DE", "Germany", 2, "/de/")];

        Assert.Throws<ArgumentException>(() => WorldMap.Render(Data.Value, countries, "t", "d"));
    }

    [Fact]
    public void Given_markup_and_control_characters_in_text_When_pictures_are_rendered_Then_they_are_escaped_and_parse_back_to_the_same_text()
    {
        const string name = "A & <B> \"C\" 'D'";
        const string url = "/x/?a=1&b=<2>";
        var map = WorldMap.Render(Data.Value, [new MapCountry("PE", name, 2, url)], "<script>alert(1)</script>", "x\u0001y & z");
        var bars = BarChart.Render("<b>", [new Bar(name, 1, "1 & 2", "as of <2018>", url)], "&value");
        var timeline = Timeline.Render("\"t\"", [new TimelineEvent("<2019>", 2019, name, url)]);

        foreach (var svg in new[] { map, bars, timeline })
        {
            Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("<B>", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("\u0001", svg, StringComparison.Ordinal);
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal(url, (string?)root.Descendants(S + "a").First().Attribute("href"));
        }

        var mapRoot = XDocument.Parse(map).Root!;
        Assert.Equal("<script>alert(1)</script>", mapRoot.Element(S + "title")!.Value);
        Assert.Equal("xy & z", mapRoot.Element(S + "desc")!.Value);
        Assert.Equal($"{name}: 2", mapRoot.Descendants(S + "a").Single().Element(S + "title")!.Value);
        Assert.Contains(mapRoot.Descendants(S + "text"), t => t.Value == name);
        Assert.Contains(XDocument.Parse(bars).Root!.Descendants(S + "a"), a => a.Value == "as of <2018>");
        Assert.Contains(XDocument.Parse(timeline).Root!.Descendants(S + "tspan"), t => t.Value == "<2019>");
    }

    [Fact]
    public void Given_bars_When_the_chart_is_rendered_Then_bar_lengths_are_proportional_and_the_largest_fills_the_bar_space()
    {
        Bar[] bars =
        [
            new("Alibaba Cloud", 80m, "80", "2023", null),
            new("Huawei Cloud", 40m, "40", "2023", null),
            new("Tencent Cloud", 10m, "10", "2023", null),
            new("Nothing", 0m, "0", "2023", null),
        ];

        var root = XDocument.Parse(BarChart.Render("Revenue", bars, "bn CNY")).Root!;

        var widths = root.Descendants(S + "rect")
            .Where(r => (string?)r.Attribute("class") == "chart-bar")
            .Select(r => double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(4, widths.Count);
        Assert.Equal(widths[0] / 2, widths[1], 0.1);
        Assert.Equal(widths[0] / 8, widths[2], 0.1);
        Assert.Equal(0, widths[3]);
        var viewWidth = double.Parse(((string)root.Attribute("viewBox")!).Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.InRange(widths[0], viewWidth / 2, viewWidth);
        Assert.Equal("img", (string?)root.Attribute("role")); // no links: one image
        Assert.Contains("bn CNY", root.Element(S + "desc")!.Value, StringComparison.Ordinal);
        Assert.Equal(["Alibaba Cloud", "Huawei Cloud", "Tencent Cloud", "Nothing"],
            root.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "chart-label").Select(t => t.Value));
    }

    [Fact]
    public void Given_bars_with_sources_When_the_chart_is_rendered_Then_each_note_links_to_its_source_and_a_note_without_one_is_plain_text()
    {
        Bar[] bars =
        [
            new("华为云", 3.5m, "35 亿美元", "截至 2018 年", "/sources/huawei-2018/"),
            new("Alibaba Cloud", 7m, "7 bn USD", "as of 2019", "https://example.org/report"),
            new("Tencent Cloud", 1m, "1 bn USD", "estimate", null),
        ];

        var root = XDocument.Parse(BarChart.Render("Revenue", bars, "USD")).Root!;

        var links = root.Descendants(S + "a").Select(a => ((string)a.Attribute("href")!, a.Value)).ToList();
        Assert.Equal([("/sources/huawei-2018/", "截至 2018 年"), ("https://example.org/report", "as of 2019")], links);
        Assert.Contains(root.Descendants(S + "tspan"), t => t.Value == "estimate" && t.Parent!.Name == S + "text");
        Assert.Equal("group", (string?)root.Attribute("role"));
    }

    [Fact]
    public void Given_a_long_label_When_the_chart_is_rendered_Then_it_wraps_onto_more_lines_instead_of_running_off_the_view()
    {
        var label = string.Join(' ', Enumerable.Repeat("Cloud", 40));
        var root = XDocument.Parse(BarChart.Render("t", [new Bar(label, 1m, "1", "", null)], "v")).Root!;

        var lines = root.Descendants(S + "text").Single(t => (string?)t.Attribute("class") == "chart-label").Elements(S + "tspan").ToList();
        Assert.True(lines.Count > 1);
        Assert.Equal(label, string.Join(' ', lines.Select(l => l.Value)));
    }

    [Fact]
    public void Given_events_out_of_order_When_the_timeline_is_rendered_Then_they_are_drawn_by_sort_key_and_linked_when_they_have_a_page()
    {
        TimelineEvent[] events =
        [
            new("2023-06", 20230600, "Riyadh", "/en/riyadh/"),
            new("2017-03", 20170300, "International launch", null),
            new("2019-04", 20190400, "Santiago", "/en/santiago/"),
            new("2019-04", 20190400, "Mexico City", null), // same key: stays after Santiago
        ];

        var root = XDocument.Parse(Timeline.Render("Huawei Cloud abroad", events)).Root!;

        var labels = root.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "timeline-label").ToList();
        Assert.Equal(["International launch", "Santiago", "Mexico City", "Riyadh"], labels.Select(t => t.Value));
        var tops = labels.Select(t => double.Parse((string)t.Element(S + "tspan")!.Attribute("y")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(tops.Order(), tops);
        Assert.Equal(["2017-03", "2019-04", "2019-04", "2023-06"],
            root.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "timeline-date").Select(t => t.Value));
        Assert.Equal(["/en/santiago/", "/en/riyadh/"], root.Descendants(S + "a").Select(a => (string)a.Attribute("href")!));
        Assert.Equal("Santiago", root.Descendants(S + "a").First().Value);
        Assert.Equal(4, root.Descendants(S + "circle").Count());
    }

    [Fact]
    public void Given_the_same_input_When_rendered_twice_Then_every_picture_is_byte_identical_and_different_pictures_get_different_ids()
    {
        var again = WorldMapData.Load(DataPath);
        Bar[] bars = [new("A", 2m, "2", "2020", "/a/"), new("B", 1m, "1", "2021", null)];
        TimelineEvent[] events = [new("2020", 2020, "B", null), new("2019", 2019, "A", "/a/")];

        Assert.Equal(WorldMap.Render(Data.Value, Countries, "t", "d"), WorldMap.Render(again, Countries, "t", "d"));
        Assert.Equal(BarChart.Render("t", bars, "v"), BarChart.Render("t", bars, "v"));
        Assert.Equal(Timeline.Render("t", events), Timeline.Render("t", events));

        var first = (string?)XDocument.Parse(BarChart.Render("one", bars, "v")).Root!.Attribute("aria-labelledby");
        var second = (string?)XDocument.Parse(BarChart.Render("two", bars, "v")).Root!.Attribute("aria-labelledby");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Given_nothing_to_show_When_rendered_Then_each_picture_is_still_a_valid_image_with_its_title()
    {
        foreach (var svg in new[] { WorldMap.Render(Data.Value, [], "Map", "none"), BarChart.Render("Bars", [], "v"), Timeline.Render("Time", []) })
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("img", (string?)root.Attribute("role"));
            Assert.False(string.IsNullOrEmpty(root.Element(S + "title")!.Value));
            Assert.Empty(root.Descendants(S + "a"));
        }
    }
}
