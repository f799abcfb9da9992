extension Pool2D {
    /// Max pooling in two passes per output row: the input rows of its window reduced into one row (a
    /// contiguous, vectorised pass), then that row reduced along x to the output columns. Whole 2- and 3-wide
    /// windows with stride 2 take vector paths.
    func maxPool(_ source: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
                 rowRanges: [Window], colRanges: [Window], into out: UnsafeMutablePointer<Float>) {
        if poolsEvenWidth(width: width, rowRanges: rowRanges, colRanges: colRanges) {
            maxPoolEvenWidth(source, planes: planes, height: height, width: width, rowRanges: rowRanges, into: out)
            return
        }
        let outWidth = colRanges.count
        let colStart = colRanges.map(\.start), colEnd = colRanges.map(\.end)
        // Output columns [0, regular) have whole windows starting at colStart[0] + c·stride.
        var regular = 0
        while regular < outWidth && colEnd[regular] - colStart[regular] == kernelWidth
            && colStart[regular] == regular * strideWidth + colStart[0] {
            regular += 1
        }
        var rowMaximum = [Float](repeating: 0, count: width + 32)
        rowMaximum.withUnsafeMutableBufferPointer { reduced in
            let line = reduced.baseAddress!
            var o = out
            for p in 0..<planes {
                let plane = source + p * height * width
                for r in rowRanges {
                    guard r.start < r.end else {
                        for c in 0..<outWidth { o[c] = -Float.infinity }
                        o += outWidth
                        continue
                    }
                    line.update(from: plane + r.start * width, count: width)
                    for y in (r.start + 1)..<max(r.start + 1, r.end) {
                        Self.maximize(line, with: plane + y * width, count: width)
                    }
                    var c = 0
                    if strideWidth == 2 && (kernelWidth == 2 || kernelWidth == 3) {
                        c = Self.strideTwoMaxima(line + colStart[0], kernel: kernelWidth, count: regular, into: o)
                    }
                    while c < outWidth {
                        var best = -Float.infinity
                        for x in colStart[c]..<colEnd[c] { best = max(best, line[x]) }
                        o[c] = best
                        c += 1
                    }
                    o += outWidth
                }
            }
        }
    }

    /// `line[i] = max(line[i], other[i])`.
    private static func maximize(_ line: UnsafeMutablePointer<Float>, with other: UnsafePointer<Float>, count: Int) {
        typealias Vector = SIMD8<Float>
        var i = 0
        while i + 8 <= count {
            let a = UnsafeRawPointer(line + i).loadUnaligned(as: Vector.self)
            let b = UnsafeRawPointer(other + i).loadUnaligned(as: Vector.self)
            UnsafeMutableRawPointer(line + i).storeBytes(of: a.replacing(with: b, where: b .> a), as: Vector.self)
            i += 8
        }
        while i < count {
            line[i] = max(line[i], other[i])
            i += 1
        }
    }

    /// Maxima of the windows `[2c, 2c + kernel)` of `base` for c in `0..<count`, eight at a time (the loads
    /// read up to 18 values past the last window); returns how many it wrote.
    static func strideTwoMaxima(_ base: UnsafePointer<Float>, kernel: Int, count: Int,
                                        into dst: UnsafeMutablePointer<Float>) -> Int {
        typealias Vector = SIMD16<Float>
        var c = 0
        while c + 8 <= count {
            let v = UnsafeRawPointer(base + 2 * c).loadUnaligned(as: Vector.self)
            let even = v.evenHalf, odd = v.oddHalf
            var m = even.replacing(with: odd, where: odd .> even)
            if kernel == 3 {
                let next = UnsafeRawPointer(base + 2 * c + 2).loadUnaligned(as: Vector.self).evenHalf
                m = m.replacing(with: next, where: next .> m)
            }
            UnsafeMutableRawPointer(dst + c).storeBytes(of: m, as: SIMD8<Float>.self)
            c += 8
        }
        return c
    }
}

extension Pool2D {
    /// Max pooling of batch-interleaved planes (see `BatchInterleaving`): each pixel holds eight images'
    /// values, so a window's maximum is the lane-wise maximum of its pixels.
    ///
    /// Input planes lie `inputPlaneStride` floats apart and output planes `outputPlaneStride` (default: packed),
    /// so that a band of rows can be pooled on its own.
    func maxPoolInterleaved(_ source: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
                            rowRanges: [Window], colRanges: [Window], inputPlaneStride: Int? = nil,
                            outputPlaneStride: Int? = nil, into out: UnsafeMutablePointer<Float>) {
        typealias Vector = SIMD8<Float>
        let lanes = BatchInterleaving.lanes
        let inputStride = inputPlaneStride ?? height * width * lanes
        let outputStride = outputPlaneStride ?? rowRanges.count * colRanges.count * lanes
        for p in 0..<planes {
            let plane = source + p * inputStride
            var o = out + p * outputStride
            for r in rowRanges {
                for c in colRanges {
                    var best = Vector(repeating: -.infinity)
                    for y in r.start..<max(r.start, r.end) {
                        var pixel = plane + (y * width + c.start) * lanes
                        for _ in c.start..<max(c.start, c.end) {
                            let v = UnsafeRawPointer(pixel).loadUnaligned(as: Vector.self)
                            best = best.replacing(with: v, where: v .> best)
                            pixel += lanes
                        }
                    }
                    UnsafeMutableRawPointer(o).storeBytes(of: best, as: Vector.self)
                    o += lanes
                }
            }
        }
    }
}
