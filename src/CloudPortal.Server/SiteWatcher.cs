namespace CloudPortal.Server;

/// <summary>
/// Watches what a build reads: <c>cloudportal.yaml</c>, <c>content/</c> and <c>themes/</c>, and reports each
/// change as a site-relative path. Not the whole site root: the build's own <c>.cloudportal/</c> staging and
/// any <c>public/</c> would wake it up on every build, and on Linux each watched folder costs an inotify watch.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    public const string ConfigFile = "cloudportal.yaml";
    private static readonly string[] Folders = ["content", "themes"];

    private readonly string _root;
    private readonly Action<string?> _changed;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <param name="changed">Called on a watcher thread with the changed path, or null when events were lost.</param>
    public SiteWatcher(string siteRoot, Action<string?> changed)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(siteRoot));
        _changed = changed;

        // The root itself, not recursive: the config file, and content/ or themes/ appearing later.
        var root = Create(_root, recursive: false);
        _watchers[""] = root;
        foreach (var folder in Folders)
        {
            WatchFolder(folder);
        }
    }

    private void WatchFolder(string name)
    {
        lock (_gate)
        {
            var path = Path.Combine(_root, name);
            if (_disposed || _watchers.ContainsKey(name) || !Directory.Exists(path))
            {
                return;
            }

            _watchers[name] = Create(path, recursive: true);
        }
    }

    private FileSystemWatcher Create(string path, bool recursive)
    {
        var watcher = new FileSystemWatcher(path)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, e) => OnEvent(e.FullPath, isChange: true);
        watcher.Created += (_, e) => OnEvent(e.FullPath, isChange: false);
        watcher.Deleted += (_, e) => OnEvent(e.FullPath, isChange: false);
        watcher.Renamed += (_, e) =>
        {
            OnEvent(e.OldFullPath, isChange: false);
            OnEvent(e.FullPath, isChange: false);
        };

        // The buffer overflowed: some changes are unknown, so the next build must not be treated as CSS-only.
        watcher.Error += (_, _) => _changed(null);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnEvent(string fullPath, bool isChange)
    {
        var relative = Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        var top = relative.Split('/')[0];
        if (relative.StartsWith("../", StringComparison.Ordinal) || (top != ConfigFile && !Folders.Contains(top)) || IsEditorScratch(Path.GetFileName(fullPath)))
        {
            return;
        }

        // "Changed" on a folder is only its timestamp moving because something inside changed, which has its own event.
        if (isChange && Directory.Exists(fullPath))
        {
            return;
        }

        if (relative == top && top != ConfigFile)
        {
            WatchFolder(top);
        }

        _changed(relative);
    }

    /// <summary>Swap, backup and lock files editors write beside the real one; the real file's own event follows.</summary>
    internal static bool IsEditorScratch(string name) =>
        name.StartsWith('.') || name.StartsWith('#') || name.EndsWith('~')
        || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".swx", StringComparison.Ordinal)
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name == "4913";

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }
}
