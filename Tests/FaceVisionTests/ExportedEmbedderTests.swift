import FaceVision
import Foundation
import NeuralEngine
import Testing

/// A network trained with facewatch's own layers, exported to ONNX and loaded back as an `ONNXFaceEmbedder`.
@Suite struct ExportedEmbedderTests {
    static let side = 16

    static func trainedNetwork() throws -> Sequential {
        var random = SeededRandom(seed: 41)
        var network = Sequential([
            Conv2DLayer(inChannels: 3, outChannels: 6, kernelSize: 3, stride: 2, padding: .same(extraAtEnd: true),
                        hasBias: false, using: &random),
            BatchNormLayer(channels: 6),
            PReLULayer(channels: 6),
            ResidualBlock(body: Sequential([
                Conv2DLayer(inChannels: 6, outChannels: 6, kernelSize: 3, padding: .explicit(top: 1, left: 1, bottom: 1, right: 1),
                            hasBias: false, using: &random),
                BatchNormLayer(channels: 6),
            ])),
            ReLULayer(),
            try MaxPool2DLayer(kernelSize: 2, stride: 2),
            FlattenLayer(),
            DenseLayer(inFeatures: 6 * 4 * 4, outFeatures: 10, using: &random),
            L2NormalizeLayer(),
        ])
        let values = (0..<(4 * 3 * side * side)).map { _ in random.next(in: -1...1) }
        let output = try network.forward(Tensor(shape: [4, 3, side, side], values: values), mode: .training)
        _ = try network.backward(Tensor(shape: output.shape, values: (0..<output.count).map { _ in random.next(in: -1...1) }))
        var optimizer = MomentumSGD()
        optimizer.step(&network, learningRate: 0.1)
        return network
    }

    @Test func exportedNetworkEmbedsAsItsOwnForwardPass() throws {
        var network = try Self.trainedNetwork()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("trained.onnx").path
        try ONNXExporter.write(network, side: Self.side, to: path)

        let embedder = try ONNXFaceEmbedder(path: path)
        #expect(embedder.descriptorLength == 10)
        var random = SeededRandom(seed: 8)
        let chips = (0..<3).map { _ in
            RGBImage(width: Self.side, height: Self.side,
                     pixels: (0..<(3 * Self.side * Self.side)).map { _ in UInt8(random.next(in: 0...255)) })
        }
        let descriptors = try embedder.descriptors(ofChips: chips)

        var planes = [Float]()
        for chip in chips {
            for channel in 0..<3 {
                for pixel in 0..<(Self.side * Self.side) { planes.append((Float(chip.pixels[pixel * 3 + channel]) - 127.5) / 127.5) }
            }
        }
        let expected = try network.forward(Tensor(shape: [3, 3, Self.side, Self.side], values: planes), mode: .inference)
        #expect(descriptors.count == 3)
        let difference = zip(descriptors.flatMap { $0 }, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(difference <= 1e-5)
        #expect(descriptors[0] != descriptors[1])
    }
}

extension SeededRandom: RandomNumberGenerator {
    mutating func next() -> UInt64 { nextBits() }
}
