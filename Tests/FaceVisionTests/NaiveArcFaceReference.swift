/// `TinyArcFace` computed the slow, obvious way, in Double: direct convolution, the batch-normalisation
/// formula, PReLU, ReLU, the residual sum, the mean over the plane, the dense layer and the L2 norm.
struct NaiveArcFaceReference {
    let network: TinyArcFace

    /// A feature map: `channels` planes of `side × side`.
    struct Planes {
        var channels: Int, side: Int, values: [Double]

        subscript(c: Int, y: Int, x: Int) -> Double {
            get { values[(c * side + y) * side + x] }
            set { values[(c * side + y) * side + x] = newValue }
        }
    }

    /// The unit-length descriptor of one chip, its pixels normalised as `(v − mean) × scale`.
    func descriptor(of pixels: [UInt8], side: Int, mean: [Double], scale: [Double]) -> [Double] {
        var image = Planes(channels: 3, side: side, values: [Double](repeating: 0, count: 3 * side * side))
        for y in 0..<side {
            for x in 0..<side {
                for c in 0..<3 { image[c, y, x] = (Double(pixels[(y * side + x) * 3 + c]) - mean[c]) * scale[c] }
            }
        }
        let n = network
        var stem = convolve(image, n.stemWeights, n.stemBias, kernel: 3, padding: 1)
        stem = normalize(stem, n.stemNormalization)
        for c in 0..<stem.channels {
            for i in 0..<(stem.side * stem.side) {
                let v = stem.values[c * stem.side * stem.side + i]
                if v < 0 { stem.values[c * stem.side * stem.side + i] = v * Double(n.slopes[c]) }
            }
        }
        var block = normalize(convolve(stem, n.blockWeights, n.blockBias, kernel: 3, padding: 1), n.blockNormalization)
        block.values = block.values.map { max(0, $0) }
        let shortcut = convolve(stem, n.shortcutWeights, n.shortcutBias, kernel: 1, padding: 0)
        let sum = zip(block.values, shortcut.values).map(+)
        let plane = block.side * block.side
        let pooled = (0..<block.channels).map { c in sum[(c * plane)..<((c + 1) * plane)].reduce(0, +) / Double(plane) }
        var dense = [Double]()
        for o in 0..<TinyArcFace.descriptorLength {
            var total = Double(n.denseBias[o])
            for i in 0..<pooled.count { total += Double(n.denseWeights[o * pooled.count + i]) * pooled[i] }
            dense.append(total)
        }
        let norm = dense.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return dense.map { $0 / norm }
    }

    /// Stride-2 convolution with `padding` zeros on every side; weights `[out, in, kernel, kernel]`.
    private func convolve(_ input: Planes, _ weights: [Float], _ bias: [Float], kernel: Int, padding: Int) -> Planes {
        let outChannels = bias.count
        let side = (input.side + 2 * padding - kernel) / 2 + 1
        var output = Planes(channels: outChannels, side: side, values: [Double](repeating: 0, count: outChannels * side * side))
        for o in 0..<outChannels {
            for y in 0..<side {
                for x in 0..<side {
                    var total = Double(bias[o])
                    for i in 0..<input.channels {
                        for ky in 0..<kernel {
                            for kx in 0..<kernel {
                                let sy = y * 2 - padding + ky, sx = x * 2 - padding + kx
                                guard sy >= 0, sy < input.side, sx >= 0, sx < input.side else { continue }
                                total += Double(weights[((o * input.channels + i) * kernel + ky) * kernel + kx]) * input[i, sy, sx]
                            }
                        }
                    }
                    output[o, y, x] = total
                }
            }
        }
        return output
    }

    private func normalize(_ input: Planes, _ p: TinyArcFace.Normalization) -> Planes {
        var output = input
        let plane = input.side * input.side
        for c in 0..<input.channels {
            let scale = Double(p.gamma[c]) / (Double(p.variance[c]) + Double(TinyArcFace.epsilon)).squareRoot()
            for i in 0..<plane {
                let index = c * plane + i
                output.values[index] = (input.values[index] - Double(p.mean[c])) * scale + Double(p.beta[c])
            }
        }
        return output
    }
}
