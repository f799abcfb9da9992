/// The size of the network `facewatch train` builds: its input side, the stage widths and the embedding size.
/// Saved in checkpoints, so that a resumed run rebuilds the same network.
public struct EmbeddingNetworkShape: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Side of the square input, in pixels; a multiple of 16 (four halvings before global pooling).
    public var inputSide: Int
    /// Channels of the stem and of the three residual stages.
    public var widths: [Int]
    /// Length of the embedding (the bottleneck).
    public var embeddingSize: Int

    public init(inputSide: Int = 64, widths: [Int] = [32, 64, 128, 256], embeddingSize: Int = 128) {
        self.inputSide = inputSide
        self.widths = widths
        self.embeddingSize = embeddingSize
    }

    /// Why this shape cannot be built, or nil.
    public var problem: String? {
        if inputSide < 16 || inputSide % 16 != 0 { return "input side \(inputSide) must be a multiple of 16, at least 16" }
        if widths.count != 4 || widths.contains(where: { $0 < 1 }) { return "widths must be four positive channel counts" }
        if embeddingSize < 2 { return "embedding size \(embeddingSize) must be at least 2" }
        return nil
    }

    public var description: String {
        "input \(inputSide)×\(inputSide), widths \(widths.map(String.init).joined(separator: "/")), embedding \(embeddingSize)"
    }
}
