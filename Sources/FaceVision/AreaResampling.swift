import Foundation

/// Resizing by pixel-area relation, matching OpenCV's `INTER_AREA` (the resampling the MTCNN reference
/// pipeline uses for its image pyramid and its face crops).
///
/// Shrinking on both axes averages each output pixel's footprint, weighted by overlap. Otherwise each axis uses
/// OpenCV's area-interpolation coefficients: nearest-like, with a linear blend where a footprint straddles two
/// input pixels.
public enum AreaResampling {
    /// One input sample's contribution to an output sample along an axis.
    struct Tap {
        let source: Int
        let weight: Float
    }

    /// For each output index along one axis, the input indices and weights that make it.
    static func taps(input: Int, output: Int) -> [[Tap]] {
        let scale = Double(input) / Double(output)
        if scale >= 1 { return averagingTaps(input: input, output: output, scale: scale) }
        return interpolatingTaps(input: input, output: output, scale: scale)
    }

    private static func averagingTaps(input: Int, output: Int, scale: Double) -> [[Tap]] {
        (0..<output).map { d in
            let start = Double(d) * scale, end = start + scale
            let cell = min(scale, Double(input) - start)
            var last = min(Int(end.rounded(.down)), input - 1)
            let first = min(Int(start.rounded(.up)), last)
            last = max(last, first)
            var taps = [Tap]()
            if Double(first) - start > 1e-3 { taps.append(Tap(source: first - 1, weight: Float((Double(first) - start) / cell))) }
            for s in first..<last { taps.append(Tap(source: s, weight: Float(1 / cell))) }
            if end - Double(last) > 1e-3 {
                taps.append(Tap(source: last, weight: Float(min(min(end - Double(last), 1), cell) / cell)))
            }
            return taps
        }
    }

    private static func interpolatingTaps(input: Int, output: Int, scale: Double) -> [[Tap]] {
        let inverse = 1 / scale
        return (0..<output).map { d in
            var s = Int((Double(d) * scale).rounded(.down))
            var f = Float(Double(d + 1) - Double(s + 1) * inverse)
            f = f <= 0 ? 0 : f - f.rounded(.down)
            if s >= input - 1 { s = input - 1; f = 0 }
            if s < 0 { s = 0; f = 0 }
            return f == 0 ? [Tap(source: s, weight: 1)] : [Tap(source: s, weight: 1 - f), Tap(source: s + 1, weight: f)]
        }
    }

    /// The taps of every output index along one axis, laid out contiguously for the inner loops.
    struct TapTable {
        /// Output index d uses taps `offsets[d]..<offsets[d + 1]`.
        let offsets: [Int]
        let sources: [Int]
        let weights: [Float]

        init(input: Int, output: Int) {
            let lists = AreaResampling.taps(input: input, output: output)
            var offsets = [0]
            var sources = [Int](), weights = [Float]()
            for list in lists {
                for tap in list {
                    sources.append(tap.source)
                    weights.append(tap.weight)
                }
                offsets.append(sources.count)
            }
            self.offsets = offsets
            self.sources = sources
            self.weights = weights
        }
    }

    /// Resizes an 8-bit RGB image, rounding back to 8 bits as OpenCV does for 8-bit input.
    public static func resize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        precondition(width > 0 && height > 0 && image.width > 0 && image.height > 0)
        let columns = TapTable(input: image.width, output: width)
        let rows = TapTable(input: image.height, output: height)
        let halving = image.width == 2 * width && image.height == 2 * height
        let rowLength = image.width * 3
        // One spare value so that each pixel's three channels can be read as a 4-vector.
        var accumulator = [Float](repeating: 0, count: rowLength + 1)
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { out, initialized in
            image.pixels.withUnsafeBufferPointer { src in
                accumulator.withUnsafeMutableBufferPointer { acc in
                    columns.offsets.withUnsafeBufferPointer { colOffsets in
                    columns.sources.withUnsafeBufferPointer { colSources in
                    columns.weights.withUnsafeBufferPointer { colWeights in
                        for y in 0..<height {
                            let a = acc.baseAddress!
                            let firstTap = rows.offsets[y]
                            do {
                                let line = src.baseAddress! + rows.sources[firstTap] * rowLength
                                let w = rows.weights[firstTap]
                                for i in 0..<rowLength { a[i] = w * Float(line[i]) }
                            }
                            for t in (firstTap + 1)..<rows.offsets[y + 1] {
                                let line = src.baseAddress! + rows.sources[t] * rowLength
                                let w = rows.weights[t]
                                for i in 0..<rowLength { a[i] += w * Float(line[i]) }
                            }
                            let dst = out.baseAddress! + y * width * 3
                            for x in 0..<width {
                                var sum = SIMD4<Float>()
                                for t in colOffsets[x]..<colOffsets[x + 1] {
                                    let pixel = UnsafeRawPointer(a + colSources[t] * 3).loadUnaligned(as: SIMD4<Float>.self)
                                    sum += SIMD4(repeating: colWeights[t]) * pixel
                                }
                                let r = sum[0], g = sum[1], b = sum[2]
                                if halving {
                                    // OpenCV's exact 2×2 path rounds the integer sum half up.
                                    dst[x * 3] = UInt8(min(255, Int((r * 4).rounded()) + 2) >> 2)
                                    dst[x * 3 + 1] = UInt8(min(255, Int((g * 4).rounded()) + 2) >> 2)
                                    dst[x * 3 + 2] = UInt8(min(255, Int((b * 4).rounded()) + 2) >> 2)
                                } else {
                                    dst[x * 3] = saturate(r)
                                    dst[x * 3 + 1] = saturate(g)
                                    dst[x * 3 + 2] = saturate(b)
                                }
                            }
                        }
                    }
                    }
                    }
                }
            }
            initialized = width * height * 3
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Resizes a float RGB buffer (`width × height × 3`, interleaved) without rounding.
    public static func resize(_ pixels: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Float] {
        precondition(width > 0 && height > 0 && toWidth > 0 && toHeight > 0 && pixels.count == width * height * 3)
        let columns = taps(input: width, output: toWidth)
        let rows = taps(input: height, output: toHeight)
        var out = [Float](repeating: 0, count: toWidth * toHeight * 3)
        let rowLength = width * 3
        var acc = [Float](repeating: 0, count: rowLength)
        for y in 0..<toHeight {
            for i in 0..<rowLength { acc[i] = 0 }
            for tap in rows[y] {
                let line = tap.source * rowLength
                for i in 0..<rowLength { acc[i] += tap.weight * pixels[line + i] }
            }
            for x in 0..<toWidth {
                for c in 0..<3 {
                    var v: Float = 0
                    for tap in columns[x] { v += tap.weight * acc[tap.source * 3 + c] }
                    out[(y * toWidth + x) * 3 + c] = v
                }
            }
        }
        return out
    }

    @inline(__always)
    private static func saturate(_ v: Float) -> UInt8 {
        UInt8(max(0, min(255, v.rounded(.toNearestOrEven))))
    }
}
