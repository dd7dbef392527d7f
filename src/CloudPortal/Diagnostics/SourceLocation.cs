namespace CloudPortal.Diagnostics;

/// <summary>A place in a source file. Line and column are 1-based and counted from the top of the file.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation FileOnly(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
