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

    typealias Window = (start: Int, end: Int, full: Int)

    /// Each output row's and column's input range (clipped to the input) and full window length (counting
    /// padding); nil when no window fits.
    func windows(height: Int, width: Int) -> (rows: [Window], columns: [Window])? {
        let v = padding.amounts(input: height, kernel: kernelHeight, stride: strideHeight, dilation: 1, beginIsTop: true)
        let h = padding.amounts(input: width, kernel: kernelWidth, stride: strideWidth, dilation: 1, beginIsTop: false)
        let rows = WindowAxis(input: height, kernel: kernelHeight, stride: strideHeight, padBegin: v.begin, padEnd: v.end, roundUp: roundUp)
        let cols = WindowAxis(input: width, kernel: kernelWidth, stride: strideWidth, padBegin: h.begin, padEnd: h.end, roundUp: roundUp)
        guard rows.output > 0, cols.output > 0 else { return nil }
        let rowRanges = (0..<rows.output).map { o -> Window in
            let start = o * rows.stride - rows.padBegin
            return (max(0, start), min(height, start + rows.kernel), min(start + rows.kernel, height + rows.padEnd) - start)
        }
        let colRanges = (0..<cols.output).map { o -> Window in
            let start = o * cols.stride - cols.padBegin
            return (max(0, start), min(width, start + cols.kernel), min(start + cols.kernel, width + cols.padEnd) - start)
        }
        return (rowRanges, colRanges)
    }

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        if BatchInterleaving.isInterleaved(input) { return try forwardInterleaved(input) }
        guard input.rank == 4 else { throw EngineError("Pool2D", "expects an NCHW input, got \(input)") }
        let planes = input.shape[0] * input.shape[1], height = input.shape[2], width = input.shape[3]
        guard let (rowRanges, colRanges) = windows(height: height, width: width) else {
            throw EngineError("Pool2D", "a \(kernelHeight)×\(kernelWidth) window does not fit a \(height)×\(width) input")
        }
        let isMax: Bool
        let countPadding: Bool
        switch kind {
        case .max: isMax = true; countPadding = false
        case let .average(c): isMax = false; countPadding = c
        }
        let shape = [input.shape[0], input.shape[1], rowRanges.count, colRanges.count]
        if isMax {
            return Tensor(shape: shape) { out in
                input.values.withUnsafeBufferPointer { src in
                    maxPool(src.baseAddress!, planes: planes, height: height, width: width, rowRanges: rowRanges, colRanges: colRanges,
                            into: out.baseAddress!)
                }
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
}

extension Pool2D {
    /// Pooling of a batch-interleaved tensor, returned in the same layout: max pooling directly, averages
    /// through the NCHW path.
    private func forwardInterleaved(_ input: Tensor) throws(EngineError) -> Tensor {
        guard case .max = kind else {
            return try BatchInterleaving.interleave(try forward(try BatchInterleaving.deinterleave(input)))
        }
        let height = input.shape[2], width = input.shape[3]
        guard let (rowRanges, colRanges) = windows(height: height, width: width) else {
            throw EngineError("Pool2D", "a \(kernelHeight)×\(kernelWidth) window does not fit a \(height)×\(width) input")
        }
        return Tensor(shape: [input.shape[0], input.shape[1], rowRanges.count, colRanges.count, BatchInterleaving.lanes]) { out in
            input.values.withUnsafeBufferPointer { src in
                maxPoolInterleaved(src.baseAddress!, planes: input.shape[0] * input.shape[1], height: height, width: width,
                                   rowRanges: rowRanges, colRanges: colRanges, into: out.baseAddress!)
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
