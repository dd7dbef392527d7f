using System.Globalization;
using System.IO.Enumeration;
using System.Text;

namespace CloudPortal.Build;

/// <summary>
/// Every file under a site's input folders, with the change time of each folder taken before the folder
/// was read. Adding, removing or renaming anything in a folder changes that folder's change time (which,
/// unlike its modification time, no tool can set back), so while no listed folder has changed, the
/// files are the ones listed: a build can then stat them without reading every folder entry again, which
/// at 10,000 articles was a third of a build with nothing to do. Kept beside the build fingerprint.
/// </summary>
internal sealed class FileListing
{
    private const string Magic = "cloudportal-listing-1";

    /// <summary>The change time of a folder that could not be told (no statx), which makes a listing not worth keeping.</summary>
    private const long Unknown = long.MinValue;

    /// <summary>The change time recorded for a top folder that is not there.</summary>
    private const long Absent = -1;

    private FileListing(string[] tops, ListedFolder[] folders, PathList files, bool reused)
    {
        Tops = tops;
        Folders = folders;
        Files = files;
        Reused = reused;
    }

    /// <summary>The folders listed, relative to the site root, as asked for.</summary>
    public string[] Tops { get; }

    /// <summary>Every folder read, with its change time, by '/'-separated path from the site root.</summary>
    public ListedFolder[] Folders { get; }

    /// <summary>Every file, by '/'-separated path from the site root, in ordinal order.</summary>
    public PathList Files { get; }

    /// <summary>True when the files came from the last build's listing rather than from the folders.</summary>
    public bool Reused { get; }

    /// <summary>The listing saved at <paramref name="path"/> when it covers <paramref name="tops"/> and none of its folders has changed since; else the folders read again.</summary>
    public static FileListing Of(string root, IReadOnlyList<string> tops, string? path)
    {
        return (path is null ? null : Reuse(path, root, tops)) ?? Read(root, tops);
    }

    private static FileListing Read(string root, IReadOnlyList<string> tops)
    {
        var folders = new List<ListedFolder>();
        var files = new List<string>();
        var cut = Path.EndsInDirectorySeparator(root) ? root.Length : root.Length + 1;
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        var pending = new Stack<string>();
        foreach (var top in tops.Reverse())
        {
            pending.Push(top.Replace('\\', '/'));
        }

        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var full = Path.Combine(root, folder);
            // Taken before the entries are read: a change while they are read shows next time.
            var change = ChangeOf(full);
            folders.Add(new ListedFolder(folder, change));
            if (change == Absent)
            {
                continue;
            }

            // A folder's path ends in '/', which no file name does: one pass over the entries finds both.
            var entries = new FileSystemEnumerable<string>(full,
                (ref FileSystemEntry entry) => entry.IsDirectory
                    ? string.Concat(entry.Directory[cut..], "/", entry.FileName, "/")
                    : string.Concat(entry.Directory[cut..], "/", entry.FileName),
                options);
            var subfolders = new List<string>();
            foreach (var entry in entries)
            {
                if (entry.EndsWith('/'))
                {
                    subfolders.Add(entry[..^1].Replace('\\', '/'));
                }
                else
                {
                    files.Add(entry.Replace('\\', '/'));
                }
            }

            subfolders.Sort(StringComparer.Ordinal);
            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }

        var sorted = files.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return new FileListing(tops.ToArray(), folders.ToArray(), PathList.FromStrings(sorted), reused: false);
    }

    private static long ChangeOf(string fullPath) =>
        Output.FileStat.FolderChange(fullPath) ?? (Directory.Exists(fullPath) ? Unknown : Absent);

    private static FileListing? Reuse(string path, string root, IReadOnlyList<string> tops)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            // Bytes, not text: the header is decoded line by line, the paths are left as they are.
            var bytes = File.ReadAllBytes(path);
            var at = 0;
            string Line()
            {
                var end = bytes.AsSpan(at).IndexOf((byte)'\n');
                if (end < 0)
                {
                    throw new FormatException("a line without its end");
                }

                var line = Encoding.UTF8.GetString(bytes, at, end);
                at += end + 1;
                return line;
            }

            if (Line() != Magic)
            {
                return null;
            }

            var counts = Line().Split('\t');
            var topCount = int.Parse(counts[0], CultureInfo.InvariantCulture);
            var folderCount = int.Parse(counts[1], CultureInfo.InvariantCulture);
            if (topCount != tops.Count)
            {
                return null;
            }

            for (var i = 0; i < topCount; i++)
            {
                if (Line() != tops[i].Replace('\\', '/'))
                {
                    return null;
                }
            }

            var folders = new ListedFolder[folderCount];
            for (var i = 0; i < folderCount; i++)
            {
                var line = Line();
                var tab = line.IndexOf('\t');
                var change = long.Parse(line.AsSpan(0, tab), CultureInfo.InvariantCulture);
                var folder = line[(tab + 1)..];
                if (change == Unknown || ChangeOf(Path.Combine(root, folder)) != change)
                {
                    return null;
                }

                folders[i] = new ListedFolder(folder, change);
            }

            return new FileListing(tops.ToArray(), folders, PathList.FromLines(bytes, at), reused: true);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IOException or IndexOutOfRangeException)
        {
            return null; // an unreadable listing only costs reading the folders
        }
    }

    /// <summary>
    /// Writes the listing for the next build, unless it was read from there: written whole to a temporary
    /// file and moved over the last one. A listing that cannot be kept (a folder whose change time cannot
    /// be told, a path with a line break or tab) removes the last one instead.
    /// </summary>
    public void Save(string path)
    {
        if (Reused)
        {
            return;
        }

        if (Folders.Any(f => f.Change == Unknown || !Storable(f.Path)) || Files.Strings.Any(f => !Storable(f)) || Tops.Any(t => !Storable(t)))
        {
            File.Delete(path);
            return;
        }

        var header = new StringBuilder();
        header.Append(Magic).Append('\n');
        header.Append(CultureInfo.InvariantCulture, $"{Tops.Length}\t{Folders.Length}\n");
        foreach (var top in Tops)
        {
            header.Append(top.Replace('\\', '/')).Append('\n');
        }

        foreach (var (folder, change) in Folders)
        {
            header.Append(change.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(folder).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path + ".tmp"))
        {
            file.Write(Encoding.UTF8.GetBytes(header.ToString()));
            file.Write(Files.Lines);
        }

        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static bool Storable(string path) => path.AsSpan().IndexOfAny('\n', '\r', '\t') < 0;
}

/// <summary>A folder of a listing and its change time (nanoseconds since the epoch; -1 for a top folder that is not there).</summary>
internal sealed record ListedFolder(string Path, long Change);
