/// Delays between reconnection attempts: exponential from `initialDelay`, capped at `maxDelay`, with jitter so
/// that many cameras lost together (a switch rebooting) don't all knock again at the same instant.
///
/// Attempt n waits a random time in [d/2, d], d = min(maxDelay, initialDelay · 2ⁿ). A success resets it.
public struct ReconnectDelays: Sendable {
    public let initialDelay: Double
    public let maxDelay: Double
    public private(set) var attempt = 0

    public init(initialDelay: Double, maxDelay: Double) {
        self.initialDelay = max(0.001, initialDelay)
        self.maxDelay = max(self.initialDelay, maxDelay)
    }

    /// The delay before the next attempt, using `unit` (a value in 0…1) as the jitter draw.
    public mutating func nextDelay(unit: Double = Double.random(in: 0...1)) -> Double {
        let ceiling = min(maxDelay, initialDelay * pow2(attempt))
        attempt += 1
        return ceiling * (0.5 + 0.5 * min(1, max(0, unit)))
    }

    public mutating func reset() {
        attempt = 0
    }

    private func pow2(_ n: Int) -> Double {
        n >= 62 ? .infinity : Double(1 << n)
    }
}
