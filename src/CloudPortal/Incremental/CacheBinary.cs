using System.Text;
using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;

namespace CloudPortal.Incremental;

/// <summary>
/// Reading and writing the build cache's values. A hand-written binary form: the cache is read at the
/// start of every incremental build, so it must cost less than parsing what it replaces.
/// </summary>
internal static class CacheBinary
{
    public static BinaryWriter Writer(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public static BinaryReader Reader(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public static void WriteNullable(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public static string? ReadNullableString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static void Write(this BinaryWriter writer, Hash128 value)
    {
        writer.Write(value.High);
        writer.Write(value.Low);
    }

    public static Hash128 ReadHash128(this BinaryReader reader) => new(reader.ReadUInt64(), reader.ReadUInt64());

    public static void WriteNullable(this BinaryWriter writer, DateTimeOffset? value)
    {
        writer.Write(value is not null);
        if (value is { } date)
        {
            writer.Write(date.Ticks);
            writer.Write((short)date.Offset.TotalMinutes);
        }
    }

    public static DateTimeOffset? ReadNullableDate(this BinaryReader reader) =>
        reader.ReadBoolean() ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.FromMinutes(reader.ReadInt16())) : null;

    public static void Write(this BinaryWriter writer, SourceLocation location)
    {
        writer.Write(location.File);
        writer.Write(location.Line);
        writer.Write(location.Column);
    }

    public static SourceLocation ReadLocation(this BinaryReader reader) => new(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32());

    /// <summary>A location, without its file name when it is <paramref name="file"/> (most are: a page's locations are in the page's file).</summary>
    public static void Write(this BinaryWriter writer, SourceLocation location, string file)
    {
        writer.Write(location.File == file);
        if (location.File != file)
        {
            writer.Write(location.File);
        }

        writer.Write(location.Line);
        writer.Write(location.Column);
    }

    public static SourceLocation ReadLocation(this BinaryReader reader, string file) =>
        new(reader.ReadBoolean() ? file : reader.ReadString(), reader.ReadInt32(), reader.ReadInt32());

    public static void WriteList<T>(this BinaryWriter writer, IReadOnlyCollection<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write(items.Count);
        foreach (var item in items)
        {
            write(writer, item);
        }
    }

    /// <summary>
    /// A list as an array, and every empty list as the one empty array: the cache of a large site holds a
    /// dozen lists per file, most of them empty, and each object it reads is one the collector then copies.
    /// </summary>
    public static T[] ReadList<T>(this BinaryReader reader, Func<BinaryReader, T> read)
    {
        var count = reader.ReadCount();
        if (count == 0)
        {
            return [];
        }

        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = read(reader);
        }

        return items;
    }

    /// <summary>
    /// A count of items: a damaged file's negative or absurd count (more than any cache of a site this
    /// engine builds holds) is a format error, not an exception on a huge array.
    /// </summary>
    public static int ReadCount(this BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MostItems)
        {
            throw new FormatException($"a count of {count} in a cache file");
        }

        return count;
    }

    private const int MostItems = 1 << 24;

    public static void WriteStrings(this BinaryWriter writer, IReadOnlyCollection<string> items) => writer.WriteList(items, (w, s) => w.Write(s));

    public static string[] ReadStrings(this BinaryReader reader) => reader.ReadList(r => r.ReadString());

    public static void Write(this BinaryWriter writer, Reference reference)
    {
        writer.Write(reference.Kind);
        writer.Write(reference.Id);
        writer.Write(reference.Location);
    }

    public static Reference ReadReference(this BinaryReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadLocation());

    public static void Write(this BinaryWriter writer, Diagnostic diagnostic)
    {
        writer.Write((byte)diagnostic.Severity);
        writer.Write(diagnostic.Location);
        writer.Write(diagnostic.Message);
    }

    public static Diagnostic ReadDiagnostic(this BinaryReader reader) =>
        new((DiagnosticSeverity)reader.ReadByte(), reader.ReadLocation(), reader.ReadString());
}
