namespace CloudPortal.Diagnostics;

/// <summary>Prints diagnostics as <c>path:line:col: error: message</c>, the form editors and terminals make clickable.</summary>
public static class DiagnosticFormatter
{
    public static string Format(Diagnostic diagnostic)
    {
        var severity = diagnostic.IsError ? "error" : "warning";
        return $"{diagnostic.Location}: {severity}: {diagnostic.Message}";
    }
}
