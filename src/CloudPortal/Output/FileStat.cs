using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudPortal.Output;

/// <summary>
/// A file's size and modification time as <see cref="FileInfo"/> gives them (for a symbolic link, its
/// target's: editing a linked file changes the target, not the link),
/// from one <c>statx(2)</c> call on Linux. A build with nothing to do stats every input and output file
/// (24,000 at 10,000 articles) and little else; <see cref="FileInfo"/> makes an object per file and
/// asks the kernel twice (<c>lstat</c>, then <c>geteuid</c> for its read-only flag). Elsewhere, or where
/// <c>statx</c> is missing or refused, <see cref="FileInfo"/> answers.
/// </summary>
internal static partial class FileStat
{
    private const int AtFdCwd = -100;
    private const int OpenPath = 0x200000;
    private const int OpenDirectory = 0x10000;
    private const int OpenCloseOnExec = 0x80000;
    private const uint WantType = 0x1;
    private const uint WantMtime = 0x40;
    private const uint WantCtime = 0x80;
    private const uint WantSize = 0x200;
    private const int ENOENT = 2;
    private const int EPERM = 1;
    private const int ENOTDIR = 20;
    private const int ENOSYS = 38;

    // Not an error number: statx answered without a field asked for.
    private const int MissingFields = -1;
    private const ushort TypeMask = 0xF000;
    private const ushort Directory = 0x4000;

    // struct statx (linux/stat.h), the same on every architecture: offsets of the fields read.
    private const int MaskOffset = 0;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int CtimeSecondsOffset = 96;
    private const int CtimeNanosecondsOffset = 104;
    private const int MtimeSecondsOffset = 112;
    private const int MtimeNanosecondsOffset = 120;
    private const int BufferSize = 256;

    private static volatile bool s_useStatx = OperatingSystem.IsLinux() && BitConverter.IsLittleEndian;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static byte[]? t_path;

    /// <summary>
    /// True, with the size and the modification time in UTC ticks, when a file that is not a directory is
    /// at <paramref name="path"/>; false when nothing (or a directory) is there.
    /// </summary>
    public static bool TryGet(string path, out long size, out long mtimeTicks)
    {
        if (s_useStatx && TryStatx(Joined(path, 0, default, null), out var found, out size, out mtimeTicks))
        {
            return found;
        }

        return TryFileInfo(path, out size, out mtimeTicks);
    }

    /// <summary>
    /// The same for <paramref name="root"/>/<paramref name="relativePath"/>, the relative path in UTF-8 (as
    /// a manifest holds it): on Linux no string is made per file, which a build with nothing to do would
    /// otherwise make for every one of its files, and the collector then collect.
    /// </summary>
    public static bool TryGet(string root, ReadOnlySpan<byte> relativePath, out long size, out long mtimeTicks)
    {
        if (s_useStatx && TryStatx(PathBytes(root, relativePath), out var found, out size, out mtimeTicks))
        {
            return found;
        }

        return TryFileInfo(Path.Join(root, Encoding.UTF8.GetString(relativePath)), out size, out mtimeTicks);
    }

    /// <summary>
    /// The same for a path relative to a folder opened with <see cref="OpenFolder"/>: the kernel walks only
    /// the relative part (content/articles/x.md, not every folder from / down), which was a third of what
    /// a stat cost. With no folder handle (-1), as <see cref="TryGet(string, ReadOnlySpan{byte}, out long, out long)"/>.
    /// </summary>
    public static bool TryGet(int folder, string root, ReadOnlySpan<byte> relativePath, out long size, out long mtimeTicks)
    {
        if (folder >= 0 && s_useStatx && TryStatx(folder, Terminated(relativePath), out var found, out size, out mtimeTicks))
        {
            return found;
        }

        return TryGet(root, relativePath, out size, out mtimeTicks);
    }

    /// <summary>A handle on a folder for <see cref="TryGet(int, string, ReadOnlySpan{byte}, out long, out long)"/>, or -1 where there is none to be had; close it with <see cref="CloseFolder"/>.</summary>
    public static int OpenFolder(string path)
    {
        if (!s_useStatx)
        {
            return -1;
        }

        try
        {
            var bytes = Joined(path, 0, default, null);
            return Open(ref MemoryMarshal.GetReference(bytes), OpenPath | OpenDirectory | OpenCloseOnExec);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    public static void CloseFolder(int folder)
    {
        if (folder >= 0)
        {
            Close(folder);
        }
    }

    private static Span<byte> Terminated(ReadOnlySpan<byte> relative)
    {
        var buffer = t_path is { } existing && existing.Length > relative.Length ? existing : t_path = new byte[Math.Max(relative.Length + 1, 1024)];
        relative.CopyTo(buffer);
        buffer[relative.Length] = 0;
        return buffer.AsSpan(0, relative.Length + 1);
    }

    /// <summary>The same for <paramref name="root"/>/<paramref name="relativePath"/>, without joining them into a new string.</summary>
    public static bool TryGet(string root, string relativePath, out long size, out long mtimeTicks)
    {
        if (s_useStatx && TryStatx(PathBytes(root, relativePath), out var found, out size, out mtimeTicks))
        {
            return found;
        }

        return TryFileInfo(Path.Join(root, relativePath), out size, out mtimeTicks);
    }

    private static bool TryFileInfo(string path, out long size, out long mtimeTicks)
    {
        var info = new FileInfo(path);
        try
        {
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }

            // Length fills FileInfo's cache with one stat; the time is then read from it.
            size = info.Length;
            mtimeTicks = info.LastWriteTimeUtc.Ticks;
            return true;
        }
        catch (IOException)
        {
            size = mtimeTicks = 0;
            return false; // missing, or a directory
        }
    }

    /// <summary>A path in the thread's buffer as the kernel takes it: UTF-8, root and relative path joined by '/', ending in NUL.</summary>
    private static Span<byte> PathBytes(string root, ReadOnlySpan<byte> relativeUtf8) =>
        Joined(root, relativeUtf8.Length, relativeUtf8, null);

    private static Span<byte> PathBytes(string root, string relative) =>
        Joined(root, Encoding.UTF8.GetMaxByteCount(relative.Length), default, relative);

    private static Span<byte> Joined(string root, int relativeMax, ReadOnlySpan<byte> relativeUtf8, string? relative)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(root.Length) + relativeMax + 2;
        var buffer = t_path is { } existing && existing.Length >= needed ? existing : t_path = new byte[Math.Max(needed, 1024)];
        var length = Encoding.UTF8.GetBytes(root, buffer);
        if (relative is not null || !relativeUtf8.IsEmpty)
        {
            if (length > 0 && buffer[length - 1] != (byte)'/')
            {
                buffer[length++] = (byte)'/';
            }

            length += relative is not null ? Encoding.UTF8.GetBytes(relative, buffer.AsSpan(length)) : Copy(relativeUtf8, buffer.AsSpan(length));
        }

        buffer[length] = 0;
        return buffer.AsSpan(0, length + 1);
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    /// <summary>
    /// When a folder's own entry last changed (its status change time, in nanoseconds since the epoch):
    /// adding, removing or renaming anything in it changes it, and so does setting its times, which its
    /// modification time alone would not show. Null when no folder is there or statx cannot say.
    /// </summary>
    public static long? FolderChange(string path)
    {
        if (!s_useStatx)
        {
            return null;
        }

        if (StatxInto(AtFdCwd, Joined(path, 0, default, null), WantType | WantCtime, out var buffer) != 0)
        {
            return null;
        }

        var span = buffer.AsSpan();
        if ((MemoryMarshal.Read<ushort>(span[ModeOffset..]) & TypeMask) != Directory)
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(span[CtimeSecondsOffset..]) * 1_000_000_000L) + MemoryMarshal.Read<uint>(span[CtimeNanosecondsOffset..]);
    }

    /// <summary>False when statx could not answer (the caller then asks FileInfo); else whether a file is there.</summary>
    private static bool TryStatx(Span<byte> path, out bool found, out long size, out long mtimeTicks) =>
        TryStatx(AtFdCwd, path, out found, out size, out mtimeTicks);

    private static bool TryStatx(int folder, Span<byte> path, out bool found, out long size, out long mtimeTicks)
    {
        found = false;
        size = mtimeTicks = 0;
        switch (StatxInto(folder, path, WantType | WantSize | WantMtime, out var buffer))
        {
            case 0:
                break;
            case ENOENT or ENOTDIR:
                return true;
            case ENOSYS or EPERM:
                // An old kernel, or a sandbox that refuses the call: FileInfo from now on.
                s_useStatx = false;
                return false;
            default:
                return false;
        }

        var span = buffer.AsSpan();
        if ((MemoryMarshal.Read<ushort>(span[ModeOffset..]) & TypeMask) == Directory)
        {
            return true;
        }

        found = true;
        size = (long)MemoryMarshal.Read<ulong>(span[SizeOffset..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(span[MtimeSecondsOffset..]);
        var nanoseconds = MemoryMarshal.Read<uint>(span[MtimeNanosecondsOffset..]);
        // As FileInfo computes it: whole seconds from the epoch, then nanoseconds in 100 ns ticks.
        mtimeTicks = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100).UtcTicks;
        return true;
    }

    /// <summary>
    /// statx into the thread's buffer: 0, or the error number of a failed call (ENOSYS, and statx no longer
    /// asked, when the C library has none). The fields <paramref name="mask"/> asks for are checked present.
    /// </summary>
    private static int StatxInto(int folder, Span<byte> path, uint mask, out byte[] buffer)
    {
        buffer = t_buffer ??= new byte[BufferSize];
        try
        {
            if (Statx(folder, ref MemoryMarshal.GetReference(path), 0, mask, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError();
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_useStatx = false;
            return ENOSYS;
        }

        // A file system that cannot give a field leaves its bit out: treated as a call that failed.
        return (MemoryMarshal.Read<uint>(buffer.AsSpan(MaskOffset)) & mask) == mask ? 0 : MissingFields;
    }

    [LibraryImport("libc.so.6", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(ref byte path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "close")]
    private static partial int Close(int descriptor);

    /// <param name="path">The first byte of a NUL-terminated UTF-8 path.</param>
    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directory, ref byte path, int flags, uint mask, [Out] byte[] buffer);
}
