namespace CloudPortal.Build;

/// <summary>
/// How far a build has got, for a progress display: the step it is in and, for steps over many pages,
/// how many of them are done (<see cref="Total"/> is 0 for a step that is not counted).
/// </summary>
public readonly record struct BuildProgress(string Step, int Done, int Total);
