namespace RelevanceRelated.Analysis.Spaces.Registration;

/// <summary>
/// ITK's WindowConvergenceMonitoringFunction as ANTs uses it: the last W metric values, each divided by the sum of
/// |value| over the whole level so far, placed at 0, 1/(W−1), …, 1; a straight line is fitted and the convergence
/// value is minus its slope. A level stops when that falls to the threshold (a flat or rising metric).
/// </summary>
internal sealed class ConvergenceMonitor(int window)
{
    private readonly Queue<double> _values = new();
    private double _total;

    public void Add(double value)
    {
        _values.Enqueue(value);
        if (_values.Count > window) _values.Dequeue();
        _total += Math.Abs(value);
    }

    /// <summary>−slope of the normalised window; +∞ until the window is full.</summary>
    public double Value
    {
        get
        {
            if (_values.Count < window || _total == 0) return double.PositiveInfinity;
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            var i = 0;
            foreach (var v in _values)
            {
                var x = (double)i++ / (window - 1);
                var y = v / _total;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            var slope = (window * sxy - sx * sy) / (window * sxx - sx * sx);
            return -slope;
        }
    }
}
