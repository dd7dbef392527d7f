using System.Runtime.InteropServices;

namespace CloudPortal.Output;

/// <summary>
/// A file's size and modification time as <see cref="FileInfo"/> gives them (symbolic links followed),
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

    /// <summary>
    /// True, with the size and the modification time in UTC ticks, when a file that is not a directory is
    /// at <paramref name="path"/>; false when nothing (or a directory) is there.
    /// </summary>
    public static bool TryGet(string path, out long size, out long mtimeTicks)
    {
        if (s_useStatx && TryStatx(path, out var found, out size, out mtimeTicks))
        {
            return found;
        }

        var info = new FileInfo(path);
        try
        {
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

    /// <summary>False when statx could not answer (the caller then asks FileInfo); else whether a file is there.</summary>
    private static bool TryStatx(string path, out bool found, out long size, out long mtimeTicks)
    {
        found = false;
        size = mtimeTicks = 0;
        var buffer = t_buffer ??= new byte[BufferSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, WantType | WantSize | WantMtime, buffer);
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

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
