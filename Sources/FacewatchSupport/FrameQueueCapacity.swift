/// How many decoded frames wait between a stream's decoding and its analysis by default: one answer for the
/// configuration file and for the pipeline used without one (benchmarks, tests).
public enum FrameQueueCapacity {
    /// A live stream's queue absorbs bursts of work before it drops frames: 0.64 s at 25 fps.
    public static let live = 16
    /// A file waits for the analysis instead, so a longer queue would only add latency and memory.
    public static let file = 8
}
