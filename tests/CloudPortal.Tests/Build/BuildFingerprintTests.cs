using CloudPortal.Build;

namespace CloudPortal.Tests.Build;

/// <summary>The fingerprint file: what is saved is what is read, whatever a warning's text holds.</summary>
public sealed class BuildFingerprintTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cloudportal-fingerprint-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Given_a_saved_fingerprint_When_read_Then_every_field_is_as_saved()
    {
        var options = new BuildOptions(_root);
        var saved = new BuildFingerprint("0123456789abcdef0123456789abcdef", "default",
            new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(8)),
            new Dictionary<string, int> { ["article"] = 10000, ["tag"] = 1537 },
            [new StoredDiagnostic("content/articles/云.md", 3, 14, "a\ttab, a\nnewline, a \\ backslash and 中文"), new StoredDiagnostic("", 0, 0, "")]);

        saved.Save(options);
        var read = BuildFingerprint.Load(options);

        Assert.NotNull(read);
        Assert.Equal((saved.Inputs, saved.Theme, saved.ValidUntil, saved.ValidUntil.Offset), (read.Inputs, read.Theme, read.ValidUntil, read.ValidUntil.Offset));
        Assert.Equal(saved.PagesByKind.OrderBy(k => k.Key), read.PagesByKind.OrderBy(k => k.Key));
        Assert.Equal(saved.Warnings, read.Warnings);
    }

    [Fact]
    public void Given_a_saved_fingerprint_When_saved_with_other_inputs_Then_only_the_inputs_change()
    {
        var options = new BuildOptions(_root);
        var saved = new BuildFingerprint("00000000000000000000000000000000", "default", DateTimeOffset.MaxValue,
            new Dictionary<string, int> { ["home"] = 2 }, [new StoredDiagnostic("a.md", 1, 2, "inputs\t00000000000000000000000000000000")]);
        saved.Save(options);

        saved.SaveWithInputs(options, "ffffffffffffffffffffffffffffffff");
        var read = BuildFingerprint.Load(options);

        Assert.NotNull(read);
        Assert.Equal("ffffffffffffffffffffffffffffffff", read.Inputs);
        Assert.Equal(saved.Warnings, read.Warnings);
        Assert.Equal(DateTimeOffset.MaxValue, read.ValidUntil);
    }
}
