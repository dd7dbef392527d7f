namespace CloudPortal.Loading;

/// <summary>
/// A file's size and modification time as a build saw them. A class, not a tuple or a struct: a
/// dictionary with a value type of its own has no ReadyToRun code (the framework's generic code over it
/// was compiled at start-up, 12 ms of JIT), while over classes it shares the framework's.
/// </summary>
internal sealed record FileStamp(long Size, long MtimeTicks);
