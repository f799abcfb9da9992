/// Max or average pooling over the spatial axes of an NCHW tensor.
public struct Pool2D: Sendable {
    public enum Kind: Sendable {
        case max
        /// Average; `countPadding` divides by the full window even where it overlaps the padding.
        case average(countPadding: Bool)
    }

    public let kind: Kind
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let strideHeight: Int
    public let strideWidth: Int
    public let padding: Padding2D
    /// Round the output size up instead of down (ONNX `ceil_mode`, Caffe's pooling).
    public let roundUp: Bool

    public init(kind: Kind, kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
                padding: Padding2D = .none, roundUp: Bool = false) throws(EngineError) {
        guard kernelHeight > 0, kernelWidth > 0, strideHeight > 0, strideWidth > 0 else {
            throw EngineError("Pool2D", "kernel and stride must be positive")
        }
        self.kind = kind
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padding = padding
        self.roundUp = roundUp
    }

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        guard input.rank == 4 else { throw EngineError("Pool2D", "expects an NCHW input, got \(input)") }
        let planes = input.shape[0] * input.shape[1], height = input.shape[2], width = input.shape[3]
        let v = padding.amounts(input: height, kernel: kernelHeight, stride: strideHeight, dilation: 1, beginIsTop: true)
        let h = padding.amounts(input: width, kernel: kernelWidth, stride: strideWidth, dilation: 1, beginIsTop: false)
        let rows = WindowAxis(input: height, kernel: kernelHeight, stride: strideHeight, padBegin: v.begin, padEnd: v.end, roundUp: roundUp)
        let cols = WindowAxis(input: width, kernel: kernelWidth, stride: strideWidth, padBegin: h.begin, padEnd: h.end, roundUp: roundUp)
        guard rows.output > 0, cols.output > 0 else {
            throw EngineError("Pool2D", "a \(kernelHeight)×\(kernelWidth) window does not fit a \(height)×\(width) input")
        }
        let isMax: Bool
        let countPadding: Bool
        switch kind {
        case .max: isMax = true; countPadding = false
        case let .average(c): isMax = false; countPadding = c
        }
        let rowRanges = (0..<rows.output).map { o -> (start: Int, end: Int, full: Int) in
            let start = o * rows.stride - rows.padBegin
            return (max(0, start), min(height, start + rows.kernel), min(start + rows.kernel, height + rows.padEnd) - start)
        }
        let colRanges = (0..<cols.output).map { o -> (start: Int, end: Int, full: Int) in
            let start = o * cols.stride - cols.padBegin
            return (max(0, start), min(width, start + cols.kernel), min(start + cols.kernel, width + cols.padEnd) - start)
        }
        let shape = [input.shape[0], input.shape[1], rows.output, cols.output]
        if isMax {
            return Tensor(shape: shape) { out in
                maxPool(input, planes: planes, height: height, width: width, rowRanges: rowRanges, colRanges: colRanges,
                        into: out.baseAddress!)
            }
        }
        return Tensor(shape: shape) { out in
            input.values.withUnsafeBufferPointer { src in
                var o = out.baseAddress!
                for p in 0..<planes {
                    let plane = src.baseAddress! + p * height * width
                    for r in rowRanges {
                        for c in colRanges {
                            var sum: Float = 0
                            var line = plane + r.start * width
                            for _ in r.start..<r.end {
                                for x in c.start..<c.end { sum += line[x] }
                                line += width
                            }
                            let area = countPadding ? r.full * c.full : (r.end - r.start) * (c.end - c.start)
                            o.pointee = area > 0 ? sum / Float(area) : 0
                            o += 1
                        }
                    }
                }
            }
        }
    }

    /// Max pooling in two passes: each input row reduced along x to the output columns, then those rows
    /// reduced along y (a contiguous, vectorisable pass).
    private func maxPool(_ input: Tensor, planes: Int, height: Int, width: Int,
                         rowRanges: [(start: Int, end: Int, full: Int)], colRanges: [(start: Int, end: Int, full: Int)],
                         into out: UnsafeMutablePointer<Float>) {
        let outWidth = colRanges.count
        let colStart = colRanges.map(\.start), colEnd = colRanges.map(\.end)
        var rowMaxima = [Float](repeating: 0, count: height * outWidth)
        input.values.withUnsafeBufferPointer { src in
            rowMaxima.withUnsafeMutableBufferPointer { reduced in
                colStart.withUnsafeBufferPointer { starts in
                    colEnd.withUnsafeBufferPointer { ends in
                        var o = out
                        for p in 0..<planes {
                            let plane = src.baseAddress! + p * height * width
                            for y in 0..<height {
                                let line = plane + y * width
                                let dst = reduced.baseAddress! + y * outWidth
                                var c = 0
                                // Whole windows that lie inside the row take a fixed-shape, vectorisable path.
                                if kernelWidth == 2 {
                                    while c < outWidth && ends[c] - starts[c] == 2 && starts[c] == c * strideWidth + starts[0] {
                                        c += 1
                                    }
                                    let base = line + starts[0], s = strideWidth
                                    for i in 0..<c { dst[i] = max(base[i * s], base[i * s + 1]) }
                                } else if kernelWidth == 3 {
                                    while c < outWidth && ends[c] - starts[c] == 3 && starts[c] == c * strideWidth + starts[0] {
                                        c += 1
                                    }
                                    let base = line + starts[0], s = strideWidth
                                    for i in 0..<c { dst[i] = max(max(base[i * s], base[i * s + 1]), base[i * s + 2]) }
                                }
                                while c < outWidth {
                                    var best = -Float.infinity
                                    for x in starts[c]..<ends[c] { best = max(best, line[x]) }
                                    dst[c] = best
                                    c += 1
                                }
                            }
                            for r in rowRanges {
                                let first = reduced.baseAddress! + r.start * outWidth
                                for c in 0..<outWidth { o[c] = first[c] }
                                var y = r.start + 1
                                while y < r.end {
                                    let line = reduced.baseAddress! + y * outWidth
                                    for c in 0..<outWidth { o[c] = max(o[c], line[c]) }
                                    y += 1
                                }
                                if r.start >= r.end { for c in 0..<outWidth { o[c] = -Float.infinity } }
                                o += outWidth
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Averages each channel of an NCHW tensor over all its pixels: `[N, C, H, W]` → `[N, C, 1, 1]`.
public struct GlobalAveragePool: Sendable {
    public init() {}

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        guard input.rank >= 3 else { throw EngineError("GlobalAveragePool", "expects N, C and spatial axes, got \(input)") }
        let planes = input.shape[0] * input.shape[1]
        let size = input.shape[2...].reduce(1, *)
        var shape = input.shape
        for i in 2..<shape.count { shape[i] = 1 }
        return Tensor(shape: shape) { out in
            input.values.withUnsafeBufferPointer { src in
                for p in 0..<planes {
                    var sum: Float = 0
                    for i in 0..<size { sum += src[p * size + i] }
                    out[p] = size > 0 ? sum / Float(size) : 0
                }
            }
        }
    }
}
