/// Reproducible random descriptors for benchmarks and tests: the same seed gives the same vectors on every
/// machine (SplitMix64 underneath). Values are spread like a real embedder's: Euclidean descriptors with
/// components in ±0.1 (dlib's ResNet scale), cosine descriptors L2-normalised.
public struct SyntheticDescriptors: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next(for embedder: EmbedderIdentity) -> [Float] {
        next(dimension: embedder.dimension, metric: embedder.metric)
    }

    public mutating func next(dimension: Int, metric: DistanceMetric) -> [Float] {
        var vector = (0..<dimension).map { _ in nextUnit() * 0.2 - 0.1 }
        if metric == .cosine {
            let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { vector = vector.map { $0 / norm } }
        }
        return vector
    }

    /// Uniform in [0, 1).
    private mutating func nextUnit() -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Float(mixed >> 40) / Float(1 << 24)
    }
}

extension DescriptorIndex {
    /// An index of `count` synthetic descriptors spread round-robin over `people` people named `person-0`,
    /// `person-1`, …; what `facewatch bench` matches against to measure search at gallery scale.
    public static func synthetic(
        count: Int, people: Int, embedder: EmbedderIdentity, seed: UInt64 = 1
    ) -> DescriptorIndex {
        precondition(people > 0, "at least one person")
        var generator = SyntheticDescriptors(seed: seed)
        var index = DescriptorIndex(embedder: embedder)
        index.reserveCapacity(count)
        let names = (0..<people).map { "person-\($0)" }
        for row in 0..<count {
            index.append(generator.next(for: embedder), person: names[row % people])
        }
        return index
    }
}
