import Testing
@testable import NeuralEngine

struct Conv2DTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var batch = 1, channels = 3, height = 9, width = 7, outChannels = 4
        var kernel = (3, 3), stride = (1, 1), dilation = (1, 1), pads = (0, 0, 0, 0), groups = 1
        var testDescription: String {
            "n\(batch) c\(channels) \(height)×\(width) → \(outChannels), k\(kernel) s\(stride) d\(dilation) p\(pads) g\(groups)"
        }
    }

    static let cases: [Case] = [
        Case(),
        Case(kernel: (1, 1)),
        Case(stride: (2, 2), pads: (1, 1, 1, 1)),
        Case(height: 12, width: 5, kernel: (2, 3), stride: (1, 2), pads: (0, 2, 1, 0)),
        Case(dilation: (2, 1), pads: (2, 1, 2, 1)),
        Case(channels: 4, outChannels: 6, groups: 2),
        Case(channels: 4, outChannels: 4, groups: 4),
        Case(batch: 5, channels: 3, height: 10, width: 10, outChannels: 8),
        Case(batch: 2, channels: 16, height: 70, width: 90, outChannels: 32),
    ]

    @Test(arguments: cases)
    func matchesDirectConvolution(_ c: Case) throws {
        var random = SeededValues(seed: UInt64(c.height * 131 + c.width * 7 + c.batch))
        let input = Tensor(shape: [c.batch, c.channels, c.height, c.width],
                           values: random.values(c.batch * c.channels * c.height * c.width))
        let weights = random.values(c.outChannels * (c.channels / c.groups) * c.kernel.0 * c.kernel.1)
        let bias = random.values(c.outChannels)
        let conv = try Conv2D(weights: weights, bias: bias, outChannels: c.outChannels, inChannels: c.channels,
                              kernelHeight: c.kernel.0, kernelWidth: c.kernel.1,
                              strideHeight: c.stride.0, strideWidth: c.stride.1,
                              dilationHeight: c.dilation.0, dilationWidth: c.dilation.1, groups: c.groups,
                              padding: .explicit(top: c.pads.0, left: c.pads.1, bottom: c.pads.2, right: c.pads.3))
        let expected = directConvolution(input, weights: weights, bias: bias, outChannels: c.outChannels,
                                         kernel: c.kernel, stride: c.stride, dilation: c.dilation, pads: c.pads, groups: c.groups)
        let actual = try conv.forward(input)
        #expect(actual.shape == expected.shape)
        #expect(maxAbsDifference(actual.values, expected.values) < 1e-4)

        let slopes = random.values(c.outChannels)
        let fused = try conv.forward(input, negativeSlopes: slopes)
        let separate = try PReLU(slope: Tensor(shape: [c.outChannels, 1, 1], values: slopes)).forward(expected)
        #expect(maxAbsDifference(fused.values, separate.values) < 1e-4)
    }

    @Test func samePaddingKeepsTheSizeOverStride() throws {
        let conv = try Conv2D(weights: [Float](repeating: 1, count: 9), bias: nil, outChannels: 1, inChannels: 1,
                              kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2, padding: .same(extraAtEnd: true))
        let out = try conv.forward(Tensor(shape: [1, 1, 5, 6], repeating: 1))
        #expect(out.shape == [1, 1, 3, 3])
        // Rows get 1 pixel of padding on each side, columns 0 on the left and 1 on the right (the odd one at
        // the end), so the top-left window covers 2 × 3 real pixels; an interior one all 9.
        #expect(out.values[0] == 6)
        #expect(out.values[4] == 9)
    }

    @Test func rejectsWrongChannelCount() throws {
        let conv = try Conv2D(weights: [Float](repeating: 0, count: 2 * 3 * 9), bias: nil, outChannels: 2, inChannels: 3,
                              kernelHeight: 3, kernelWidth: 3)
        #expect(throws: EngineError.self) { try conv.forward(Tensor(shape: [1, 4, 5, 5])) }
        #expect(throws: EngineError.self) { try conv.forward(Tensor(shape: [1, 3, 2, 2])) }
    }

    @Test func rejectsInconsistentWeights() {
        #expect(throws: EngineError.self) {
            try Conv2D(weights: [1, 2, 3], bias: nil, outChannels: 1, inChannels: 1, kernelHeight: 2, kernelWidth: 2)
        }
    }
}
