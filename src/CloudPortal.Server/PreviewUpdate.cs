namespace CloudPortal.Server;

/// <summary>What the server did after one build, for the terminal.</summary>
/// <param name="EventSent">The event sent to open browsers (<c>reload</c> or <c>css</c>), or null: the first build, or a build that changed nothing anyone sees.</param>
/// <param name="SinceChange">From the first file change of the batch to the event being sent: the edit-to-reload time.</param>
public sealed record PreviewUpdate(BuildOutcome Outcome, string? EventSent, TimeSpan SinceChange);
