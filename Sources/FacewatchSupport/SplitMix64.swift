/// A small, fast, reproducible random number generator (SplitMix64, Steele, Lea and Flood 2014). Its whole state
/// is one `UInt64`, so a training run can save it in a checkpoint and continue the same sequence, and tests can
/// seed it to see the same numbers on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The whole generator: saving and restoring it resumes the sequence.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator continuing from a saved `state`.
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
