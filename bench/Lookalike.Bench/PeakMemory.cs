namespace Lookalike.Bench;

/// <summary>Samples the managed heap every few milliseconds while a step runs: the step's peak managed memory
/// above what was live when it started (GC.GetTotalMemory alone only shows the end state).</summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly long _baseline;
    private readonly Thread _sampler;
    private long _peak;
    private volatile bool _stop;

    public PeakMemory()
    {
        _baseline = GC.GetTotalMemory(true);
        _peak = _baseline;
        _sampler = new Thread(() =>
        {
            while (!_stop)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                Thread.Sleep(5);
            }
        }) { IsBackground = true };
        _sampler.Start();
    }

    /// <summary>Peak bytes above the baseline so far.</summary>
    public double Megabytes => (Math.Max(_peak, GC.GetTotalMemory(false)) - _baseline) / 1e6;

    public void Dispose()
    {
        _stop = true;
        _sampler.Join();
    }
}
