/// A 2-D convolution over NCHW tensors: 3×3 stride-1 layers of 16 or more input channels by Winograd's
/// F(2×2, 3×3), other unpadded stride-1 layers by the register-blocked direct kernel, and the rest as
/// image-to-columns followed by one `sgemm` per band of output rows (bands keep the column buffer inside the
/// cache).
public struct Conv2D: Sendable {
    /// Filters, `[outChannels, inChannels / groups, kernelHeight, kernelWidth]`.
    public let weights: [Float]
    public let bias: [Float]?
    public let outChannels: Int
    public let inChannels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let strideHeight: Int
    public let strideWidth: Int
    public let dilationHeight: Int
    public let dilationWidth: Int
    public let groups: Int
    public let padding: Padding2D
    /// The register-blocked path for stride-1 ungrouped convolutions (used when the padding is zero too).
    let direct: DirectConvolution?
    /// The Winograd path for 3×3 stride-1 ungrouped convolutions of enough input channels to pay.
    let winograd: WinogradConvolution?

    public init(
        weights: [Float], bias: [Float]?, outChannels: Int, inChannels: Int,
        kernelHeight: Int, kernelWidth: Int, strideHeight: Int = 1, strideWidth: Int = 1,
        dilationHeight: Int = 1, dilationWidth: Int = 1, groups: Int = 1, padding: Padding2D = .none
    ) throws(EngineError) {
        guard outChannels > 0, inChannels > 0, groups > 0, inChannels % groups == 0, outChannels % groups == 0 else {
            throw EngineError("Conv2D", "channels \(inChannels)→\(outChannels) do not divide into \(groups) groups")
        }
        guard kernelHeight > 0, kernelWidth > 0, strideHeight > 0, strideWidth > 0, dilationHeight > 0, dilationWidth > 0 else {
            throw EngineError("Conv2D", "kernel, stride and dilation must be positive")
        }
        let expected = outChannels * (inChannels / groups) * kernelHeight * kernelWidth
        guard weights.count == expected else {
            throw EngineError("Conv2D", "has \(weights.count) weights, expected \(expected) for \(outChannels)×\(inChannels / groups)×\(kernelHeight)×\(kernelWidth)")
        }
        if let bias, bias.count != outChannels {
            throw EngineError("Conv2D", "has \(bias.count) biases for \(outChannels) output channels")
        }
        self.weights = weights
        self.bias = bias
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.groups = groups
        self.padding = padding
        let unitSteps = strideHeight == 1 && strideWidth == 1 && dilationHeight == 1 && dilationWidth == 1
        direct = groups == 1 && unitSteps
            ? DirectConvolution(weights: weights, bias: bias, outChannels: outChannels, inChannels: inChannels,
                                kernelHeight: kernelHeight, kernelWidth: kernelWidth)
            : nil
        winograd = groups == 1 && unitSteps && kernelHeight == 3 && kernelWidth == 3 && inChannels >= Self.winogradMinimumChannels
            ? WinogradConvolution(weights: weights, bias: bias, outChannels: outChannels, inChannels: inChannels)
            : nil
    }

    /// Input channels from which Winograd's transforms cost less than the multiplies they save.
    static let winogradMinimumChannels = 16
    /// Output positions (over the batch) from which a padded convolution is bordered for the Winograd path: on
    /// fewer (dlib's ResNet's 5×5 layers of one face), its tile products are too narrow to beat im2col + sgemm
    /// (9.7 ms a face with all on Winograd, 8.9 with those five left to sgemm).
    static let winogradMinimumPaddedPositions = 64

    /// Multiply–adds for one input of the given spatial size (for throughput figures).
    public func multiplyAdds(height: Int, width: Int) -> Int {
        let (rows, cols) = axes(height: height, width: width)
        return rows.output * cols.output * outChannels * (inChannels / groups) * kernelHeight * kernelWidth
    }

    func axes(height: Int, width: Int) -> (WindowAxis, WindowAxis) {
        let v = padding.amounts(input: height, kernel: kernelHeight, stride: strideHeight, dilation: dilationHeight, beginIsTop: true)
        let h = padding.amounts(input: width, kernel: kernelWidth, stride: strideWidth, dilation: dilationWidth, beginIsTop: false)
        return (
            WindowAxis(input: height, kernel: kernelHeight, stride: strideHeight, dilation: dilationHeight, padBegin: v.begin, padEnd: v.end),
            WindowAxis(input: width, kernel: kernelWidth, stride: strideWidth, dilation: dilationWidth, padBegin: h.begin, padEnd: h.end)
        )
    }

    /// Floats of column buffer per band; about 1 MiB keeps a band in L2.
    private static let bandBudget = 1 << 18

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        try forward(input, negativeSlopes: nil)
    }

    /// The convolution followed by a per-channel PReLU (`negativeSlopes[c]` multiplies negative outputs of
    /// channel c), computed in one pass over the output.
    public func forward(_ input: Tensor, negativeSlopes: [Float]?) throws(EngineError) -> Tensor {
        if BatchInterleaving.isInterleaved(input) { return try forwardInterleaved(input, negativeSlopes: negativeSlopes) }
        guard input.rank == 4, input.shape[1] == inChannels else {
            throw EngineError("Conv2D", "expects NCHW input with \(inChannels) channels, got \(input)")
        }
        if let negativeSlopes, negativeSlopes.count != outChannels {
            throw EngineError("Conv2D", "\(negativeSlopes.count) activation slopes for \(outChannels) channels")
        }
        let batch = input.shape[0], height = input.shape[2], width = input.shape[3]
        let (rows, cols) = axes(height: height, width: width)
        guard rows.output > 0, cols.output > 0 else {
            throw EngineError("Conv2D", "a \(kernelHeight)×\(kernelWidth) kernel does not fit a \(height)×\(width) input")
        }
        let outPlane = rows.output * cols.output
        let k = (inChannels / groups) * kernelHeight * kernelWidth
        let pointwise = kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
            && rows.padBegin == 0 && rows.padEnd == 0 && cols.padBegin == 0 && cols.padEnd == 0
        let shape = [batch, outChannels, rows.output, cols.output]
        let unpadded = rows.padBegin == 0 && rows.padEnd == 0 && cols.padBegin == 0 && cols.padEnd == 0
        if let winograd, unpadded || batch * outPlane >= Self.winogradMinimumPaddedPositions {
            // A padded convolution (a residual network's) runs on a zero-bordered copy of its input, a few percent
            // of the convolution's work.
            let paddedHeight = height + rows.padBegin + rows.padEnd, paddedWidth = width + cols.padBegin + cols.padEnd
            let source = unpadded ? input.values : Self.zeroBordered(
                input.values, planes: batch * inChannels, height: height, width: width, top: rows.padBegin, left: cols.padBegin,
                toHeight: paddedHeight, toWidth: paddedWidth)
            return Tensor(shape: shape) { out in
                source.withUnsafeBufferPointer { src in
                    winograd.forward(src.baseAddress!, batch: batch, height: paddedHeight, width: paddedWidth,
                                     slopes: negativeSlopes, into: out.baseAddress!)
                }
            }
        }
        if let direct, rows.padBegin == 0, rows.padEnd == 0, cols.padBegin == 0, cols.padEnd == 0,
           DirectConvolution.fits(height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth) {
            return Tensor(shape: shape) { out in
                input.values.withUnsafeBufferPointer { src in
                    direct.forward(src.baseAddress!, batch: batch, height: height, width: width, slopes: negativeSlopes,
                                   into: out.baseAddress!)
                }
            }
        }
        let epilogue = Epilogue(bias: bias, slopes: negativeSlopes)
        if batch > 1, groups == 1, !pointwise, outPlane * k < Self.bandBudget {
            return Tensor(shape: shape) { out in
                forwardBatched(input, rows: rows, cols: cols, k: k, epilogue: epilogue, into: out.baseAddress!)
            }
        }
        return Tensor(shape: shape) { out in
            forwardBanded(input, rows: rows, cols: cols, k: k, pointwise: pointwise, into: out.baseAddress!)
            for n in 0..<batch {
                for o in 0..<outChannels {
                    let plane = out.baseAddress! + (n * outChannels + o) * outPlane
                    epilogue.apply(channel: o, from: plane, to: plane, count: outPlane)
                }
            }
        }
    }

    /// Each `height × width` plane placed at (`top`, `left`) in a zeroed `toHeight × toWidth` plane.
    static func zeroBordered(_ values: [Float], planes: Int, height: Int, width: Int, top: Int, left: Int,
                             toHeight: Int, toWidth: Int) -> [Float] {
        var result = [Float](repeating: 0, count: planes * toHeight * toWidth)
        values.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                for p in 0..<planes {
                    for y in 0..<height {
                        let from = src.baseAddress! + (p * height + y) * width
                        let to = dst.baseAddress! + (p * toHeight + top + y) * toWidth + left
                        to.update(from: from, count: width)
                    }
                }
            }
        }
        return result
    }

    /// Bias and activation applied to one output channel's values.
    private struct Epilogue {
        let bias: [Float]?
        let slopes: [Float]?

        @inline(__always)
        func apply(channel: Int, from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
            let b = bias?[channel] ?? 0
            if let slopes {
                let a = slopes[channel]
                for i in 0..<count {
                    let v = src[i] + b
                    dst[i] = v >= 0 ? v : v * a
                }
            } else if bias != nil || src != UnsafePointer(dst) {
                for i in 0..<count { dst[i] = src[i] + b }
            }
        }
    }

    /// One image (and group) at a time, in bands of output rows; writes the raw products into `out`.
    private func forwardBanded(_ input: Tensor, rows: WindowAxis, cols: WindowAxis, k: Int, pointwise: Bool,
                               into out: UnsafeMutablePointer<Float>) {
        let batch = input.shape[0], height = input.shape[2], width = input.shape[3]
        let outPlane = rows.output * cols.output
        let groupIn = inChannels / groups, groupOut = outChannels / groups
        let bandRows = max(1, min(rows.output, Self.bandBudget / max(1, k * cols.output)))
        var columns = pointwise ? [] : [Float](repeating: 0, count: k * bandRows * cols.output)
        input.values.withUnsafeBufferPointer { src in
            weights.withUnsafeBufferPointer { w in
                columns.withUnsafeMutableBufferPointer { col in
                    for n in 0..<batch {
                        for g in 0..<groups {
                            let image = src.baseAddress! + (n * inChannels + g * groupIn) * height * width
                            let filters = w.baseAddress! + g * groupOut * k
                            let result = out + (n * outChannels + g * groupOut) * outPlane
                            if pointwise {
                                BLAS.gemm(m: groupOut, n: outPlane, k: k, a: filters, lda: k,
                                          b: image, ldb: outPlane, c: result, ldc: outPlane)
                                continue
                            }
                            var firstRow = 0
                            while firstRow < rows.output {
                                let bandEnd = min(rows.output, firstRow + bandRows)
                                let bandWidth = (bandEnd - firstRow) * cols.output
                                fillColumns(image: image, channels: groupIn, height: height, width: width,
                                            rows: rows, cols: cols, firstRow: firstRow, endRow: bandEnd,
                                            into: col.baseAddress!, rowStride: bandWidth)
                                BLAS.gemm(m: groupOut, n: bandWidth, k: k, a: filters, lda: k,
                                          b: col.baseAddress!, ldb: bandWidth,
                                          c: result + firstRow * cols.output, ldc: outPlane)
                                firstRow = bandEnd
                            }
                        }
                    }
                }
            }
        }
    }

    /// Several small images per matrix product: their columns side by side, then the products scattered back
    /// to NCHW through the epilogue.
    private func forwardBatched(_ input: Tensor, rows: WindowAxis, cols: WindowAxis, k: Int, epilogue: Epilogue,
                                into out: UnsafeMutablePointer<Float>) {
        let batch = input.shape[0], height = input.shape[2], width = input.shape[3]
        let outPlane = rows.output * cols.output
        let chunk = max(1, min(batch, (Self.bandBudget * 4) / (k * outPlane)))
        var columns = [Float](repeating: 0, count: k * chunk * outPlane)
        var products = [Float](repeating: 0, count: outChannels * chunk * outPlane)
        input.values.withUnsafeBufferPointer { src in
            weights.withUnsafeBufferPointer { w in
                columns.withUnsafeMutableBufferPointer { col in
                    products.withUnsafeMutableBufferPointer { prod in
                        var first = 0
                        while first < batch {
                            let count = min(chunk, batch - first)
                            let span = count * outPlane
                            for i in 0..<count {
                                let image = src.baseAddress! + (first + i) * inChannels * height * width
                                fillColumns(image: image, channels: inChannels, height: height, width: width,
                                            rows: rows, cols: cols, firstRow: 0, endRow: rows.output,
                                            into: col.baseAddress! + i * outPlane, rowStride: span)
                            }
                            BLAS.gemm(m: outChannels, n: span, k: k, a: w.baseAddress!, lda: k,
                                      b: col.baseAddress!, ldb: span, c: prod.baseAddress!, ldc: span)
                            for i in 0..<count {
                                for o in 0..<outChannels {
                                    epilogue.apply(channel: o, from: prod.baseAddress! + o * span + i * outPlane,
                                                   to: out + ((first + i) * outChannels + o) * outPlane, count: outPlane)
                                }
                            }
                            first += count
                        }
                    }
                }
            }
        }
    }

    /// Lays out, for output rows `firstRow..<endRow`, one row of the column matrix per (channel, ky, kx):
    /// the input pixel each output position sees through that kernel tap, or 0 in the padding.
    private func fillColumns(
        image: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        rows: WindowAxis, cols: WindowAxis, firstRow: Int, endRow: Int,
        into col: UnsafeMutablePointer<Float>, rowStride: Int
    ) {
        var row = col
        for c in 0..<channels {
            let plane = image + c * height * width
            for ky in 0..<kernelHeight {
                for kx in 0..<kernelWidth {
                    let xOffset = kx * cols.dilation - cols.padBegin
                    // Output columns whose input x falls inside the image: [firstX, endX).
                    let firstX = xOffset >= 0 ? 0 : min(cols.output, (-xOffset + cols.stride - 1) / cols.stride)
                    let endX = max(firstX, min(cols.output, (width - 1 - xOffset) >= 0 ? (width - 1 - xOffset) / cols.stride + 1 : 0))
                    var dst = row
                    for oy in firstRow..<endRow {
                        let iy = oy * rows.stride + ky * rows.dilation - rows.padBegin
                        if iy < 0 || iy >= height {
                            dst.update(repeating: 0, count: cols.output)
                        } else {
                            let line = plane + iy * width + xOffset
                            if firstX > 0 { dst.update(repeating: 0, count: firstX) }
                            if cols.stride == 1 {
                                let count = endX - firstX
                                if count > 64 {
                                    (dst + firstX).update(from: line + firstX, count: count)
                                } else {
                                    for ox in firstX..<endX { dst[ox] = line[ox] }
                                }
                            } else {
                                var ox = firstX
                                while ox < endX {
                                    dst[ox] = line[ox * cols.stride]
                                    ox += 1
                                }
                            }
                            if endX < cols.output { (dst + endX).update(repeating: 0, count: cols.output - endX) }
                        }
                        dst += cols.output
                    }
                    row += rowStride
                }
            }
        }
    }
}
