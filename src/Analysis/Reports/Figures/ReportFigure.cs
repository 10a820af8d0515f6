namespace RelevanceRelated.Analysis.Reports.Figures;

/// <summary>A figure of the report: its file (relative to the report), title, caption and PNG bytes.</summary>
public sealed record ReportFigure(string File, string Title, string Caption, byte[] Png);
