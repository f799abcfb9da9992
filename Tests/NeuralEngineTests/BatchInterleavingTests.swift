import Testing
@testable import NeuralEngine

/// Convolutions, pooling and graphs on batch-interleaved tensors give what they give on the same images in NCHW.
struct BatchInterleavingTests {
    static func randomBatch(_ shape: [Int], seed: UInt64) -> Tensor {
        var random = SeededValues(seed: seed)
        return Tensor(shape: shape, values: random.values(shape.reduce(1, *)))
    }

    @Test func interleavingRoundTripsAndFillsTheLastGroupWithZeros() throws {
        let batch = Self.randomBatch([11, 2, 3, 5], seed: 1)
        let interleaved = try BatchInterleaving.interleave(batch)
        #expect(interleaved.shape == [2, 2, 3, 5, 8])
        // Image 9 (group 1, lane 1), channel 1, pixel (2, 4).
        let pixel = 2 * 5 + 4
        let target = ((1 * 2 + 1) * 15 + pixel) * 8 + 1, source = (9 * 2 + 1) * 15 + pixel
        #expect(interleaved.values[target] == batch.values[source])
        let back = try BatchInterleaving.deinterleave(interleaved)
        #expect(back.shape == [16, 2, 3, 5])
        #expect(Array(back.values[..<batch.count]) == batch.values)
        #expect(back.values[batch.count...].allSatisfy { $0 == 0 })
        #expect(throws: EngineError.self) { try BatchInterleaving.deinterleave(batch) }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var batch: Int, channels: Int, size: Int, outChannels: Int, kernel: Int, padded = false
        var testDescription: String { "n\(batch) c\(channels) \(size)×\(size) → \(outChannels), k\(kernel)\(padded ? " padded" : "")" }
    }

    /// R-Net's and O-Net's layers (direct 3-channel; Winograd by 3×3 tiles at 9×9, 21×21 and a size they do not
    /// divide, by 2×2 tiles at 8×8; 2×2 on tiny planes) and a padded convolution that goes through NCHW.
    static let cases: [Case] = [
        Case(batch: 11, channels: 3, size: 24, outChannels: 28, kernel: 3),
        Case(batch: 9, channels: 28, size: 11, outChannels: 48, kernel: 3),
        Case(batch: 16, channels: 32, size: 23, outChannels: 13, kernel: 3),
        Case(batch: 7, channels: 16, size: 13, outChannels: 9, kernel: 3),
        Case(batch: 8, channels: 17, size: 10, outChannels: 6, kernel: 3),
        Case(batch: 3, channels: 48, size: 4, outChannels: 64, kernel: 2),
        Case(batch: 5, channels: 4, size: 6, outChannels: 5, kernel: 3, padded: true),
    ]

    @Test(arguments: cases)
    func convolutionMatchesNCHW(_ c: Case) throws {
        var random = SeededValues(seed: UInt64(c.channels * 31 + c.size))
        let conv = try Conv2D(weights: random.values(c.outChannels * c.channels * c.kernel * c.kernel), bias: random.values(c.outChannels),
                              outChannels: c.outChannels, inChannels: c.channels, kernelHeight: c.kernel, kernelWidth: c.kernel,
                              padding: c.padded ? .explicit(top: 1, left: 1, bottom: 1, right: 1) : .none)
        let slopes = random.values(c.outChannels)
        let input = Self.randomBatch([c.batch, c.channels, c.size, c.size], seed: UInt64(c.batch))
        let expected = try conv.forward(input, negativeSlopes: slopes)
        let actual = try BatchInterleaving.deinterleave(try conv.forward(try BatchInterleaving.interleave(input), negativeSlopes: slopes))
        #expect(actual.shape == [BatchInterleaving.groups(forBatch: c.batch) * 8] + expected.shape[1...])
        #expect(maxAbsDifference(Array(actual.values[..<expected.count]), expected.values) < 1e-4)
    }

    /// R-Net's first layer (rows made in one buffer), O-Net's (rows made a buffer at a time, the shared row
    /// carried over) and a 2×2 pooling.
    @Test(arguments: [(3, 2, false, 7, 24), (3, 2, true, 7, 24), (2, 2, false, 7, 24), (3, 2, true, 32, 48)])
    func convolutionThenMaxPoolingMatchesNCHW(kernel: Int, stride: Int, roundUp: Bool, channels: Int, size: Int) throws {
        var random = SeededValues(seed: UInt64(kernel * 10 + stride + channels))
        let conv = try Conv2D(weights: random.values(channels * 3 * 9), bias: random.values(channels), outChannels: channels,
                              inChannels: 3, kernelHeight: 3, kernelWidth: 3)
        let pool = try Pool2D(kind: .max, kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride, strideWidth: stride,
                              roundUp: roundUp)
        let slopes = random.values(channels)
        let input = Self.randomBatch([10, 3, size, size], seed: 5)
        let expected = try pool.forward(try conv.forward(input, negativeSlopes: slopes))
        let actual = try BatchInterleaving.deinterleave(
            try conv.forward(try BatchInterleaving.interleave(input), negativeSlopes: slopes, thenPool: pool))
        #expect(maxAbsDifference(Array(actual.values[..<expected.count]), expected.values) < 1e-4)
    }

    @Test func poolingMatchesNCHWWithPaddingAndForAverages() throws {
        let input = Self.randomBatch([9, 2, 7, 5], seed: 9)
        for kind in [Pool2D.Kind.max, .average(countPadding: false)] {
            let pool = try Pool2D(kind: kind, kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
                                  padding: .same(extraAtEnd: true))
            let expected = try pool.forward(input)
            let actual = try BatchInterleaving.deinterleave(try pool.forward(try BatchInterleaving.interleave(input)))
            #expect(maxAbsDifference(Array(actual.values[..<expected.count]), expected.values) < 1e-6)
        }
    }

    @Test func graphTakesInterleavedBatchesAndAnswersPerImage() throws {
        var random = SeededValues(seed: 12)
        let whole = try ONNXImporter.importModel(ONNXImporterTests.tinyModel(random: &random), source: "tiny.onnx")
        #expect(whole.acceptingInterleavedBatches() == nil, "its first step is a transpose")
        let planar = try #require(whole.startingAfterInputTranspose()).graph
        let interleaved = try #require(planar.acceptingInterleavedBatches())
        let images = Self.randomBatch([11, 3, 8, 8], seed: 13)
        var plainWork = 0, interleavedWork = 0
        let expected = try planar.run(images, multiplyAdds: &plainWork)[0]
        let actual = try interleaved.run(try BatchInterleaving.interleave(images), multiplyAdds: &interleavedWork)[0]
        #expect(actual.shape == [16, 2])
        #expect(maxAbsDifference(Array(actual.values[..<expected.count]), expected.values) < 1e-5)
        #expect(interleavedWork == plainWork / 11 * 16)
    }
}
