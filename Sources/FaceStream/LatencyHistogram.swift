/// Durations counted in 1 ms buckets up to 10 s (longer ones in a last bucket), so that percentiles of a stream
/// that runs for months cost a fixed 80 kB.
public struct LatencyHistogram: Sendable, Equatable {
    private var buckets = [Int](repeating: 0, count: 10_001)
    public private(set) var count = 0
    public private(set) var maximum = 0.0

    public init() {}

    public mutating func record(_ seconds: Double) {
        let bucket = seconds.isFinite ? min(buckets.count - 1, max(0, Int(seconds * 1000))) : buckets.count - 1
        buckets[bucket] += 1
        count += 1
        maximum = max(maximum, seconds)
    }

    /// The duration under which `fraction` of the recorded ones fall, to the millisecond (upper bucket edge);
    /// nil when nothing was recorded.
    public func percentile(_ fraction: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, n) in buckets.enumerated() {
            seen += n
            if seen >= rank { return bucket == buckets.count - 1 ? maximum : Double(bucket + 1) / 1000 }
        }
        return maximum
    }
}
