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
    private const uint WantType = 0x1;
    private const uint WantMtime = 0x40;
    private const uint WantSize = 0x200;
    private const int ENOENT = 2;
    private const int EPERM = 1;
    private const int ENOTDIR = 20;
    private const int ENOSYS = 38;
    private const ushort TypeMask = 0xF000;
    private const ushort Directory = 0x4000;

    // struct statx (linux/stat.h), the same on every architecture: offsets of the fields read.
    private const int MaskOffset = 0;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
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

    /// <summary>False when statx could not answer (the caller then asks FileInfo); else whether a file is there.</summary>
    private static bool TryStatx(Span<byte> path, out bool found, out long size, out long mtimeTicks)
    {
        found = false;
        size = mtimeTicks = 0;
        var buffer = t_buffer ??= new byte[BufferSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, ref MemoryMarshal.GetReference(path), 0, WantType | WantSize | WantMtime, buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_useStatx = false;
            return false;
        }

        if (result != 0)
        {
            switch (Marshal.GetLastPInvokeError())
            {
                case ENOENT or ENOTDIR:
                    return true;
                case ENOSYS or EPERM:
                    // An old kernel, or a sandbox that refuses the call: FileInfo from now on.
                    s_useStatx = false;
                    return false;
                default:
                    return false;
            }
        }

        var span = buffer.AsSpan();
        if ((MemoryMarshal.Read<uint>(span[MaskOffset..]) & (WantType | WantSize | WantMtime)) != (WantType | WantSize | WantMtime))
        {
            return false;
        }

        if ((MemoryMarshal.Read<ushort>(span[ModeOffset..]) & TypeMask) == Directory)
        {
            return true;
        }

        found = true;
        size = (long)MemoryMarshal.Read<ulong>(span[SizeOffset..]);
        var seconds = MemoryMarshal.Read<long>(span[MtimeSecondsOffset..]);
        var nanoseconds = MemoryMarshal.Read<uint>(span[MtimeNanosecondsOffset..]);
        // As FileInfo computes it: whole seconds from the epoch, then nanoseconds in 100 ns ticks.
        mtimeTicks = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100).UtcTicks;
        return true;
    }

    /// <param name="path">The first byte of a NUL-terminated UTF-8 path.</param>
    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directory, ref byte path, int flags, uint mask, [Out] byte[] buffer);
}
