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
        Case(batch: 1, channels: 3, height: 30, width: 61, outChannels: 10),
        Case(batch: 3, channels: 28, height: 11, width: 11, outChannels: 48),
        Case(batch: 2, channels: 48, height: 4, width: 4, outChannels: 64, kernel: (2, 2)),
        Case(batch: 2, channels: 5, height: 3, width: 3, outChannels: 6, kernel: (2, 2)),
        Case(batch: 1, channels: 32, height: 9, width: 50, outChannels: 6, kernel: (1, 1)),
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

    @Test func stackedConvolutionsEqualTheSeparateOnes() throws {
        var random = SeededValues(seed: 11)
        let input = Tensor(shape: [2, 8, 12, 20], values: random.values(2 * 8 * 12 * 20))
        let first = try Conv2D(weights: random.values(4 * 8), bias: random.values(4), outChannels: 4, inChannels: 8,
                               kernelHeight: 1, kernelWidth: 1)
        let second = try Conv2D(weights: random.values(2 * 8), bias: nil, outChannels: 2, inChannels: 8,
                                kernelHeight: 1, kernelWidth: 1)
        let stacked = try #require(first.stacked(with: second))
        let parts = Layout.splitChannels(try stacked.forward(input), counts: [4, 2])
        #expect(parts[0].shape == [2, 4, 12, 20] && parts[1].shape == [2, 2, 12, 20])
        #expect(maxAbsDifference(parts[0].values, try first.forward(input).values) < 1e-5)
        #expect(maxAbsDifference(parts[1].values, try second.forward(input).values) < 1e-5)
        let wider = try Conv2D(weights: random.values(2 * 8 * 9), bias: nil, outChannels: 2, inChannels: 8,
                               kernelHeight: 3, kernelWidth: 3)
        #expect(first.stacked(with: wider) == nil)
    }

    /// With 16 input channels the first convolution is Winograd's, band by band (19 output rows: two bands of 8
    /// and an odd one of 3).
    @Test(arguments: [(2, 21, 60, 6), (1, 12, 30, 6), (1, 40, 200, 6), (1, 21, 60, 16), (2, 26, 49, 16)])
    func chainedPointwiseConvolutionEqualsTheTwoInTurn(batch: Int, height: Int, width: Int, channels: Int) throws {
        var random = SeededValues(seed: UInt64(height * 1000 + width))
        let input = Tensor(shape: [batch, channels, height, width], values: random.values(batch * channels * height * width))
        let conv = try Conv2D(weights: random.values(10 * channels * 9), bias: random.values(10), outChannels: 10,
                              inChannels: channels, kernelHeight: 3, kernelWidth: 3)
        let heads = try Conv2D(weights: random.values(6 * 10), bias: random.values(6), outChannels: 6, inChannels: 10,
                               kernelHeight: 1, kernelWidth: 1)
        let slopes = random.values(10)
        let chained = try conv.forward(input, negativeSlopes: slopes, then: heads)
        let separate = try heads.forward(try conv.forward(input, negativeSlopes: slopes))
        #expect((conv.winograd != nil) == (channels >= Conv2D.winogradMinimumChannels))
        #expect(chained.shape == [batch, 6, height - 2, width - 2])
        #expect(maxAbsDifference(chained.values, separate.values) < 1e-5)
    }

    /// P-Net's last three steps in one pass (a 10-channel 3×3, a 16-channel Winograd 3×3 and the 1×1 heads):
    /// bands of 8 with the shared rows carried over, a short last band, inputs too narrow for it (fallback), and
    /// planes wide enough for column strips (the last strip one column or part-filled, several bands).
    @Test(arguments: [(1, 30, 40), (2, 21, 60), (1, 12, 31), (1, 9, 100), (1, 40, 20), (2, 25, 131), (1, 22, 200)])
    func chainedConvolutionPairEqualsTheStepsInTurn(batch: Int, height: Int, width: Int) throws {
        var random = SeededValues(seed: UInt64(height * 7919 + width))
        let input = Tensor(shape: [batch, 10, height, width], values: random.values(batch * 10 * height * width))
        let first = try Conv2D(weights: random.values(16 * 10 * 9), bias: random.values(16), outChannels: 16, inChannels: 10,
                               kernelHeight: 3, kernelWidth: 3)
        let second = try Conv2D(weights: random.values(32 * 16 * 9), bias: random.values(32), outChannels: 32, inChannels: 16,
                                kernelHeight: 3, kernelWidth: 3)
        let heads = try Conv2D(weights: random.values(6 * 32), bias: random.values(6), outChannels: 6, inChannels: 32,
                               kernelHeight: 1, kernelWidth: 1)
        let slopes = random.values(16), secondSlopes = random.values(32)
        let chained = try first.forward(input, negativeSlopes: slopes, thenConvolution: second, negativeSlopes: secondSlopes,
                                        then: heads)
        let separate = try heads.forward(try second.forward(try first.forward(input, negativeSlopes: slopes),
                                                            negativeSlopes: secondSlopes))
        #expect(chained.shape == [batch, 6, height - 4, width - 4])
        // Relative to the outputs' size: the column-strip path uses 3×3 Winograd tiles, the steps 2×2 ones.
        let scale = separate.values.map(abs).max() ?? 1
        #expect(maxAbsDifference(chained.values, separate.values) < 4e-6 * max(1, scale))
    }

    @Test(arguments: [(2, 23, 61, 2, true), (1, 30, 40, 2, false), (1, 21, 70, 3, true)])
    func chainedMaxPoolEqualsTheTwoInTurn(batch: Int, height: Int, width: Int, window: Int, same: Bool) throws {
        var random = SeededValues(seed: UInt64(height * 1000 + width + window))
        let input = Tensor(shape: [batch, 3, height, width], values: random.values(batch * 3 * height * width))
        let conv = try Conv2D(weights: random.values(10 * 3 * 9), bias: random.values(10), outChannels: 10, inChannels: 3,
                              kernelHeight: 3, kernelWidth: 3)
        let pool = try Pool2D(kind: .max, kernelHeight: window, kernelWidth: window, strideHeight: 2, strideWidth: 2,
                              padding: same ? .same(extraAtEnd: true) : .none)
        let slopes = random.values(10)
        let chained = try conv.forward(input, negativeSlopes: slopes, thenPool: pool)
        let separate = try pool.forward(try conv.forward(input, negativeSlopes: slopes))
        #expect(chained.shape == separate.shape)
        #expect(chained.values == separate.values)
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
