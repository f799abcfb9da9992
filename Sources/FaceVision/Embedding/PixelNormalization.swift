/// How an embedder turns 8-bit RGB pixels into its input values: `(value − mean[c]) × scale[c]` for channel
/// `c` (R, G, B).
public struct PixelNormalization: Sendable, Equatable, CustomStringConvertible {
    public let mean: [Float]
    public let scale: [Float]

    /// Per-channel means and scales, in the order R, G, B.
    public init(mean: [Float], scale: [Float]) {
        precondition(mean.count == 3 && scale.count == 3, "PixelNormalization: three means and three scales (R, G, B)")
        self.mean = mean
        self.scale = scale
    }

    /// The same mean and scale for all three channels.
    public init(mean: Float, scale: Float) {
        self.init(mean: [mean, mean, mean], scale: [scale, scale, scale])
    }

    /// insightface's ArcFace models: `(x − 127.5) / 127.5`, i.e. −1…1.
    public static let arcFace = PixelNormalization(mean: 127.5, scale: 1 / 127.5)

    public var description: String {
        "mean \(Self.list(mean)) scale \(Self.list(scale))"
    }

    private static func list(_ values: [Float]) -> String {
        values.dropFirst().allSatisfy { $0 == values[0] } ? "\(values[0])" : values.map { "\($0)" }.joined(separator: ",")
    }

    /// An `[N, 3, side, side]` tensor of the chips, normalised; every chip must be `side × side`.
    func planes(of chips: ArraySlice<RGBImage>, side: Int) -> [Float] {
        let plane = side * side
        var values = [Float](repeating: 0, count: chips.count * 3 * plane)
        values.withUnsafeMutableBufferPointer { out in
            for (n, chip) in chips.enumerated() {
                chip.pixels.withUnsafeBufferPointer { source in
                    for channel in 0..<3 {
                        let target = out.baseAddress! + (n * 3 + channel) * plane
                        let mean = mean[channel], scale = scale[channel]
                        for i in 0..<plane { target[i] = (Float(source[i * 3 + channel]) - mean) * scale }
                    }
                }
            }
        }
        return values
    }
}
