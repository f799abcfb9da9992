import Testing
@testable import NeuralEngine

/// The register-blocked direct kernel and the Winograd path, each checked against the textbook convolution.
struct FastConvolutionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var batch: Int, channels: Int, height: Int, width: Int, outChannels: Int, kernel: Int = 3
        var testDescription: String { "n\(batch) c\(channels) \(height)×\(width) → \(outChannels), k\(kernel)" }
    }

    static let cases: [Case] = [
        Case(batch: 1, channels: 3, height: 5, width: 5, outChannels: 4),
        Case(batch: 1, channels: 8, height: 12, width: 17, outChannels: 6),
        Case(batch: 1, channels: 9, height: 13, width: 16, outChannels: 5),
        Case(batch: 5, channels: 6, height: 11, width: 11, outChannels: 7),
        Case(batch: 2, channels: 5, height: 40, width: 91, outChannels: 9),
        Case(batch: 3, channels: 4, height: 9, width: 58, outChannels: 8, kernel: 2),
        Case(batch: 1, channels: 7, height: 6, width: 130, outChannels: 3, kernel: 1),
        // Blocks of five channels (P-Net's first layer has 10), rows wide and narrow, and a 15-channel layer.
        Case(batch: 1, channels: 3, height: 14, width: 75, outChannels: 10),
        Case(batch: 2, channels: 3, height: 9, width: 12, outChannels: 10),
        Case(batch: 1, channels: 4, height: 7, width: 21, outChannels: 15, kernel: 2),
    ]

    func run(_ c: Case, winograd: Bool) -> (actual: Tensor, expected: Tensor) {
        var random = SeededValues(seed: UInt64(c.height * 97 + c.width * 5 + c.batch + c.kernel))
        let input = Tensor(shape: [c.batch, c.channels, c.height, c.width],
                           values: random.values(c.batch * c.channels * c.height * c.width))
        let weights = random.values(c.outChannels * c.channels * c.kernel * c.kernel)
        let bias = random.values(c.outChannels)
        let slopes = random.values(c.outChannels)
        let plain = directConvolution(input, weights: weights, bias: bias, outChannels: c.outChannels, kernel: (c.kernel, c.kernel),
                                      stride: (1, 1), dilation: (1, 1), pads: (0, 0, 0, 0), groups: 1)
        let expected = Tensor(shape: plain.shape, values: plain.values.enumerated().map { i, v in
            v >= 0 ? v : v * slopes[(i / (plain.shape[2] * plain.shape[3])) % c.outChannels]
        })
        let shape = [c.batch, c.outChannels, c.height - c.kernel + 1, c.width - c.kernel + 1]
        let actual = Tensor(shape: shape) { out in
            input.values.withUnsafeBufferPointer { src in
                if winograd {
                    WinogradConvolution(weights: weights, bias: bias, outChannels: c.outChannels, inChannels: c.channels)
                        .forward(src.baseAddress!, batch: c.batch, height: c.height, width: c.width, slopes: slopes, into: out.baseAddress!)
                } else {
                    DirectConvolution(weights: weights, bias: bias, outChannels: c.outChannels, inChannels: c.channels,
                                      kernelHeight: c.kernel, kernelWidth: c.kernel)
                        .forward(src.baseAddress!, batch: c.batch, height: c.height, width: c.width, slopes: slopes, into: out.baseAddress!)
                }
            }
        }
        return (actual, expected)
    }

    @Test(arguments: cases.filter { DirectConvolution.fits(height: $0.height, width: $0.width, kernelHeight: $0.kernel, kernelWidth: $0.kernel) })
    func directKernelMatchesTheTextbook(_ c: Case) {
        let (actual, expected) = run(c, winograd: false)
        #expect(maxAbsDifference(actual.values, expected.values) < 1e-4)
    }

    @Test(arguments: cases.filter { $0.kernel == 3 })
    func winogradMatchesTheTextbook(_ c: Case) {
        let (actual, expected) = run(c, winograd: true)
        #expect(maxAbsDifference(actual.values, expected.values) < 1e-4)
    }
}

/// Padded 3×3 convolutions of 16 channels or more (a residual network's) take the Winograd path on a
/// zero-bordered copy of the input (each case has at least `winogradMinimumPaddedPositions` outputs).
struct PaddedWinogradTests {
    @Test(arguments: [(1, 16, 8, 8, 1, 1), (2, 16, 9, 7, 1, 1), (1, 24, 6, 11, 2, 0)])
    func matchesTheTextbook(_ c: (batch: Int, channels: Int, height: Int, width: Int, top: Int, left: Int)) throws {
        var random = SeededValues(seed: UInt64(c.height * 31 + c.width + c.top))
        let input = Tensor(shape: [c.batch, c.channels, c.height, c.width], values: random.values(c.batch * c.channels * c.height * c.width))
        let outChannels = 6
        let weights = random.values(outChannels * c.channels * 9)
        let bias = random.values(outChannels)
        let conv = try Conv2D(weights: weights, bias: bias, outChannels: outChannels, inChannels: c.channels, kernelHeight: 3, kernelWidth: 3,
                              padding: .explicit(top: c.top, left: c.left, bottom: 1, right: 1))
        #expect(conv.winograd != nil)
        let expected = directConvolution(input, weights: weights, bias: bias, outChannels: outChannels, kernel: (3, 3),
                                         stride: (1, 1), dilation: (1, 1), pads: (c.top, c.left, 1, 1), groups: 1)
        let actual = try conv.forward(input)
        #expect(actual.shape == expected.shape)
        #expect(maxAbsDifference(actual.values, expected.values) < 1e-4)
    }
}
