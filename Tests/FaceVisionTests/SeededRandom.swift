/// Reproducible pseudo-random numbers for test fixtures (SplitMix64).
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range`.
    mutating func next(in range: ClosedRange<Float>) -> Float {
        let unit = Float(nextBits() >> 40) / Float(1 << 24)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }

    mutating func values(_ count: Int, in range: ClosedRange<Float>) -> [Float] {
        (0..<count).map { _ in next(in: range) }
    }
}
