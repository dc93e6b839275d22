namespace Mem0.Cli.Import;

/// <summary>
/// The import's running counts and its progress output: a bar redrawn in place on a terminal, otherwise a line every
/// 25 items and at the end; each failed item named on the error stream. Batches report from several threads at once.
/// </summary>
public sealed class ImportProgress(int total, bool interactive, TextWriter output)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _done;
    private int _lastLine;

    public int Added { get; private set; }
    public int Deduplicated { get; private set; }
    public int Failed { get; private set; }

    public async Task ReportAsync(IEnumerable<(string Label, string Outcome, string? Problem)> outcomes, TextWriter error, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            foreach (var (label, outcome, problem) in outcomes)
            {
                switch (outcome)
                {
                    case "added": Added++; break;
                    case "deduplicated": Deduplicated++; break;
                    default:
                        Failed++;
                        await error.WriteLineAsync($"mem0: {label} failed: {problem}");
                        break;
                }
                _done++;
            }
            var line = $"{Bar()} {_done}/{total}  added {Added}, deduplicated {Deduplicated}, failed {Failed}";
            if (interactive) await output.WriteAsync("\r" + line + (_done == total ? "\n" : ""));
            else if (_done / 25 > _lastLine / 25 || _done == total)
            {
                await output.WriteLineAsync(line);
                _lastLine = _done;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private string Bar()
    {
        const int width = 24;
        var filled = total == 0 ? width : _done * width / total;
        return "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }
}
