import Testing
@testable import NeuralEngine

struct PoolingTests {
    let ramp = Tensor(shape: [1, 1, 4, 5], values: (0..<20).map(Float.init))

    @Test func maxPoolValid() throws {
        let pool = try Pool2D(kind: .max, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2)
        let out = try pool.forward(ramp)
        #expect(out.shape == [1, 1, 2, 2])
        #expect(out.values == [6, 8, 16, 18])
    }

    @Test func maxPoolSameUpperAddsCellsAtTheEnd() throws {
        let pool = try Pool2D(kind: .max, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
                              padding: .same(extraAtEnd: true))
        let out = try pool.forward(ramp)
        #expect(out.shape == [1, 1, 2, 3])
        #expect(out.values == [6, 8, 9, 16, 18, 19])
    }

    @Test func maxPoolRoundUp() throws {
        let pool = try Pool2D(kind: .max, kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2, roundUp: true)
        let out = try pool.forward(ramp)
        #expect(out.shape == [1, 1, 2, 2])
        #expect(out.values == [12, 14, 17, 19])
    }

    @Test func averagePoolExcludesPaddingByDefault() throws {
        let pool = try Pool2D(kind: .average(countPadding: false), kernelHeight: 2, kernelWidth: 2,
                              strideHeight: 2, strideWidth: 2, padding: .explicit(top: 1, left: 1, bottom: 0, right: 0))
        let out = try pool.forward(Tensor(shape: [1, 1, 2, 2], values: [1, 2, 3, 4]))
        #expect(out.shape == [1, 1, 1, 1])
        #expect(out.values == [1])
        let counting = try Pool2D(kind: .average(countPadding: true), kernelHeight: 2, kernelWidth: 2,
                                  strideHeight: 2, strideWidth: 2, padding: .explicit(top: 1, left: 1, bottom: 0, right: 0))
        #expect(try counting.forward(Tensor(shape: [1, 1, 2, 2], values: [1, 2, 3, 4])).values == [0.25])
    }

    @Test func globalAverage() throws {
        let out = try GlobalAveragePool().forward(Tensor(shape: [1, 2, 1, 2], values: [1, 3, 10, 20]))
        #expect(out.shape == [1, 2, 1, 1])
        #expect(out.values == [2, 15])
    }
}

struct ActivationTests {
    @Test func preluPerChannel() throws {
        let x = Tensor(shape: [1, 2, 1, 2], values: [-1, 2, -4, 8])
        let out = try PReLU(slope: Tensor(shape: [1, 2, 1, 1], values: [0.5, 0.25])).forward(x)
        #expect(out.values == [-0.5, 2, -1, 8])
        let vector = try PReLU(slope: Tensor(shape: [2], values: [0.5, 0.25])).forward(Tensor(shape: [2, 2], values: [-2, -4, 3, -8]))
        #expect(vector.values == [-1, -1, 3, -2])
    }

    @Test func softmaxRowsSumToOne() throws {
        let out = try Softmax(axis: 1).forward(Tensor(shape: [2, 3], values: [0, 0, 0, 1, 2, 3]))
        #expect(abs(out.values[0] - 1.0 / 3) < 1e-6)
        let e = [1, 2, 3].map { Float(exp(Double($0))) }
        #expect(abs(out.values[5] - e[2] / e.reduce(0, +)) < 1e-6)
    }

    @Test func softmaxOverMiddleAxis() throws {
        // [1, 2, 2]: softmax over axis 1 pairs values 0&2 and 1&3.
        let out = try Softmax(axis: 1).forward(Tensor(shape: [1, 2, 2], values: [0, 5, 0, 5]))
        #expect(out.values.allSatisfy { abs($0 - 0.5) < 1e-6 })
        let coerced = try Softmax(axis: 1, coercesTrailingAxes: true).forward(Tensor(shape: [1, 2, 2], values: [0, 5, 0, 5]))
        #expect(abs(coerced.values.reduce(0, +) - 1) < 1e-6)
    }

    @Test func reluClampsNegatives() {
        #expect(ReLU().forward(Tensor(shape: [3], values: [-1, 0, 2])).values == [0, 0, 2])
    }
}

struct LayoutTests {
    @Test func transposeNHWCToNCHW() throws {
        let nhwc = Tensor(shape: [1, 2, 2, 3], values: (0..<12).map(Float.init))
        let nchw = try Layout.transpose(nhwc, permutation: [0, 3, 1, 2])
        #expect(nchw.shape == [1, 3, 2, 2])
        #expect(nchw.values == [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11])
        #expect(try Layout.transpose(nchw, permutation: [0, 2, 3, 1]) == nhwc)
    }

    @Test func reshapeInfersOneAxis() throws {
        let t = Tensor(shape: [2, 3, 4], repeating: 1)
        #expect(try Layout.reshape(t, to: [0, -1]).shape == [2, 12])
        #expect(throws: EngineError.self) { try Layout.reshape(t, to: [5, -1]) }
        #expect(try Layout.flatten(t, axis: 1).shape == [2, 12])
    }

    @Test func concatenateAlongChannels() throws {
        let a = Tensor(shape: [1, 1, 2], values: [1, 2]), b = Tensor(shape: [1, 2, 2], values: [3, 4, 5, 6])
        let c = try Layout.concatenate([a, b], axis: 1)
        #expect(c.shape == [1, 3, 2])
        #expect(c.values == [1, 2, 3, 4, 5, 6])
    }
}

struct LinearTests {
    @Test func matchesHandProduct() throws {
        // [[1, 2]] · [[1, 2, 3], [4, 5, 6]] + [1, 1, 1] = [[10, 13, 16]]
        let linear = try Linear(weights: [1, 2, 3, 4, 5, 6], inFeatures: 2, outFeatures: 3, bias: [1, 1, 1])
        #expect(try linear.forward(Tensor(shape: [1, 2], values: [1, 2])).values == [10, 13, 16])
        let transposed = try Linear(weights: [1, 4, 2, 5, 3, 6], inFeatures: 2, outFeatures: 3, weightsAreTransposed: true)
        #expect(try transposed.forward(Tensor(shape: [1, 2], values: [1, 2])).values == [9, 12, 15])
    }

    @Test func broadcastingArithmetic() throws {
        let a = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        #expect(try Elementwise(.add).forward(a, Tensor(shape: [2], values: [10, 20])).values == [11, 22, 13, 24])
        #expect(try Elementwise(.multiply).forward(a, Tensor(shape: [2, 1], values: [2, 3])).values == [2, 4, 9, 12])
        #expect(throws: EngineError.self) { try Elementwise(.add).forward(a, Tensor(shape: [3], values: [1, 2, 3])) }
    }

    @Test func batchNormFolds() throws {
        let bn = try ChannelAffine(gamma: [2], beta: [1], mean: [3], variance: [4 - 1e-5], epsilon: 1e-5)
        let out = try bn.forward(Tensor(shape: [1, 1, 1, 2], values: [3, 5]))
        #expect(maxAbsDifference(out.values, [1, 3]) < 1e-5)
    }
}

import Foundation

struct MaxPoolingVectorPathTests {
    /// Every window's maximum computed one window at a time, the padding never winning.
    func naiveMaxPool(_ x: Tensor, kernel: Int, stride: Int, outHeight: Int, outWidth: Int, padTop: Int, padLeft: Int) -> [Float] {
        let planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3]
        var out = [Float]()
        for p in 0..<planes {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var best = -Float.infinity
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            let y = oy * stride + ky - padTop, xx = ox * stride + kx - padLeft
                            if y >= 0, y < h, xx >= 0, xx < w { best = max(best, x.values[(p * h + y) * w + xx]) }
                        }
                    }
                    out.append(best)
                }
            }
        }
        return out
    }

    @Test(arguments: [(2, 37, 53), (3, 41, 60), (2, 6, 33), (3, 9, 35)])
    func stridedWindowsMatchTheNaivePool(kernel: Int, height: Int, width: Int) throws {
        var random = SeededValues(seed: UInt64(kernel * 1000 + width))
        let input = Tensor(shape: [2, 3, height, width], values: random.values(6 * height * width))
        let same = try Pool2D(kind: .max, kernelHeight: kernel, kernelWidth: kernel, strideHeight: 2, strideWidth: 2,
                              padding: .same(extraAtEnd: true))
        let sameOut = try same.forward(input)
        let padY = max(0, (sameOut.shape[2] - 1) * 2 + kernel - height), padX = max(0, (sameOut.shape[3] - 1) * 2 + kernel - width)
        #expect(sameOut.values == naiveMaxPool(input, kernel: kernel, stride: 2, outHeight: sameOut.shape[2],
                                               outWidth: sameOut.shape[3], padTop: padY / 2, padLeft: padX / 2))
        let valid = try Pool2D(kind: .max, kernelHeight: kernel, kernelWidth: kernel, strideHeight: 2, strideWidth: 2)
        let validOut = try valid.forward(input)
        #expect(validOut.shape == [2, 3, (height - kernel) / 2 + 1, (width - kernel) / 2 + 1])
        #expect(validOut.values == naiveMaxPool(input, kernel: kernel, stride: 2, outHeight: validOut.shape[2],
                                                outWidth: validOut.shape[3], padTop: 0, padLeft: 0))
    }

    /// Rounded-up windows on even widths (MTCNN's 3×3 pools on 22- and 46-wide planes), narrow planes included.
    @Test(arguments: [(3, 22, 22), (3, 46, 46), (3, 7, 6), (2, 9, 14), (2, 5, 4), (3, 11, 16)])
    func roundedUpWindowsOnEvenWidthsMatchTheNaivePool(kernel: Int, height: Int, width: Int) throws {
        var random = SeededValues(seed: UInt64(kernel * 7919 + height * 31 + width))
        let input = Tensor(shape: [3, 2, height, width], values: random.values(6 * height * width))
        let pool = try Pool2D(kind: .max, kernelHeight: kernel, kernelWidth: kernel, strideHeight: 2, strideWidth: 2,
                              roundUp: true)
        let output = try pool.forward(input)
        let outHeight = (height - kernel + 1) / 2 + 1, outWidth = (width - kernel + 1) / 2 + 1
        #expect(output.shape == [3, 2, outHeight, outWidth])
        #expect(output.values == naiveMaxPool(input, kernel: kernel, stride: 2, outHeight: outHeight, outWidth: outWidth,
                                              padTop: 0, padLeft: 0))
    }
}

struct BlockSwapTransposeTests {
    @Test(arguments: [[0, 2, 3, 1], [0, 3, 1, 2], [1, 2, 3, 0], [2, 3, 0, 1], [0, 1, 3, 2], [0, 2, 1, 3]])
    func matchesElementwiseIndexing(permutation: [Int]) throws {
        let shape = [2, 5, 19, 23]
        var random = SeededValues(seed: UInt64(permutation.reduce(0) { $0 * 4 + $1 }))
        let input = Tensor(shape: shape, values: random.values(shape.reduce(1, *)))
        let output = try Layout.transpose(input, permutation: permutation)
        let outShape = permutation.map { shape[$0] }
        #expect(output.shape == outShape)
        var expected = [Float]()
        for a in 0..<outShape[0] {
            for b in 0..<outShape[1] {
                for c in 0..<outShape[2] {
                    for d in 0..<outShape[3] {
                        var index = [0, 0, 0, 0]
                        for (axis, value) in zip(permutation, [a, b, c, d]) { index[axis] = value }
                        expected.append(input.values[((index[0] * shape[1] + index[1]) * shape[2] + index[2]) * shape[3] + index[3]])
                    }
                }
            }
        }
        #expect(output.values == expected)
    }
}
