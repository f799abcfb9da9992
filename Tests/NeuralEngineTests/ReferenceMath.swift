@testable import NeuralEngine

/// Deterministic pseudo-random values, so failures reproduce.
struct SeededValues {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> Float {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Float(state % 20_001) / 10_000 - 1
    }

    mutating func values(_ count: Int) -> [Float] { (0..<count).map { _ in next() } }
}

/// The textbook convolution, one output at a time, to check the im2col + sgemm path against.
func directConvolution(_ x: Tensor, weights: [Float], bias: [Float]?, outChannels: Int, kernel: (Int, Int),
                       stride: (Int, Int), dilation: (Int, Int), pads: (Int, Int, Int, Int), groups: Int) -> Tensor {
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let oh = (h + pads.0 + pads.2 - ((kernel.0 - 1) * dilation.0 + 1)) / stride.0 + 1
    let ow = (w + pads.1 + pads.3 - ((kernel.1 - 1) * dilation.1 + 1)) / stride.1 + 1
    let gi = c / groups, go = outChannels / groups
    var out = [Float](repeating: 0, count: n * outChannels * oh * ow)
    for b in 0..<n {
        for o in 0..<outChannels {
            let g = o / go
            for y in 0..<oh {
                for xo in 0..<ow {
                    var sum: Float = bias?[o] ?? 0
                    for ci in 0..<gi {
                        for ky in 0..<kernel.0 {
                            for kx in 0..<kernel.1 {
                                let iy = y * stride.0 + ky * dilation.0 - pads.0
                                let ix = xo * stride.1 + kx * dilation.1 - pads.1
                                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                                let input = x.values[((b * c + g * gi + ci) * h + iy) * w + ix]
                                sum += input * weights[((o * gi + ci) * kernel.0 + ky) * kernel.1 + kx]
                            }
                        }
                    }
                    out[((b * outChannels + o) * oh + y) * ow + xo] = sum
                }
            }
        }
    }
    return Tensor(shape: [n, outChannels, oh, ow], values: out)
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
