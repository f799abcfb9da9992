extension Pool2D {
    /// Whether `maxPoolEvenWidth` applies: stride 2 across, a 2- or 3-wide window, an even input width with
    /// one output column per input pair, every column window starting at `2c` and clipped only by the right
    /// edge, and no empty row window.
    func poolsEvenWidth(width: Int, rowRanges: [Window], colRanges: [Window]) -> Bool {
        guard strideWidth == 2, kernelWidth == 2 || kernelWidth == 3, width % 2 == 0, colRanges.count * 2 == width,
              rowRanges.allSatisfy({ $0.start < $0.end }) else { return false }
        return colRanges.enumerated().allSatisfy { c, window in
            window.start == 2 * c && window.end == min(width, 2 * c + kernelWidth)
        }
    }

    /// Max pooling for the case `poolsEvenWidth` accepts: each plane's row windows are reduced into a
    /// scratch plane of full-width rows, then that whole scratch plane is reduced along x as one flat run
    /// (row r, column c of the output is flat window `r·width + 2c`, because the width is even).
    func maxPoolEvenWidth(_ source: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
                          rowRanges: [Window], into out: UnsafeMutablePointer<Float>) {
        let outHeight = rowRanges.count, outWidth = width / 2, flat = outHeight * width
        var scratch = [Float](repeating: -Float.infinity, count: flat + 32)
        scratch.withUnsafeMutableBufferPointer { scratch in
            let reduced = scratch.baseAddress!
            for p in 0..<planes {
                let plane = source + p * height * width
                for (r, window) in rowRanges.enumerated() {
                    Self.columnMaxima(plane + window.start * width, rows: window.end - window.start, width: width,
                                      into: reduced + r * width)
                }
                let o = out + p * outHeight * outWidth
                let count = outHeight * outWidth
                var k = Self.strideTwoMaxima(reduced, kernel: kernelWidth, count: count, into: o)
                while k < count {
                    var best = max(reduced[2 * k], reduced[2 * k + 1])
                    if kernelWidth == 3 { best = max(best, reduced[2 * k + 2]) }
                    o[k] = best
                    k += 1
                }
                if kernelWidth == 3 {
                    for r in 0..<outHeight {
                        let last = reduced + r * width + width - 2
                        o[r * outWidth + outWidth - 1] = max(last[0], last[1])
                    }
                }
            }
        }
    }

    /// `out[x] = max over the `rows` rows starting at `first` of column x`, eight columns at a time (the last
    /// eight overlapping their predecessors when the width is not a multiple of eight).
    private static func columnMaxima(_ first: UnsafePointer<Float>, rows: Int, width: Int, into out: UnsafeMutablePointer<Float>) {
        typealias Vector = SIMD8<Float>
        guard width >= 8 else {
            for x in 0..<width {
                var best = first[x]
                for y in 1..<max(1, rows) { best = max(best, first[y * width + x]) }
                out[x] = best
            }
            return
        }
        var x = 0
        while x < width {
            let column = min(x, width - 8)
            var best = UnsafeRawPointer(first + column).loadUnaligned(as: Vector.self)
            for y in 1..<max(1, rows) {
                let next = UnsafeRawPointer(first + y * width + column).loadUnaligned(as: Vector.self)
                best = best.replacing(with: next, where: next .> best)
            }
            UnsafeMutableRawPointer(out + column).storeBytes(of: best, as: Vector.self)
            x += 8
        }
    }
}
