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
        var lists = [[Tap]](repeating: [], count: output)
        forEachTap(input: input, output: output) { d, source, weight in lists[d].append(Tap(source: source, weight: weight)) }
        return lists
    }

    /// Calls `body(d, source, weight)` for every tap of every output index d along one axis, in order.
    @inline(__always)
    private static func forEachTap(input: Int, output: Int, _ body: (_ d: Int, _ source: Int, _ weight: Float) -> Void) {
        let scale = Double(input) / Double(output)
        if scale >= 1 {
            for d in 0..<output {
                let start = Double(d) * scale, end = start + scale
                let cell = min(scale, Double(input) - start)
                var last = min(Int(end.rounded(.down)), input - 1)
                let first = min(Int(start.rounded(.up)), last)
                last = max(last, first)
                if Double(first) - start > 1e-3 { body(d, first - 1, Float((Double(first) - start) / cell)) }
                for s in first..<last { body(d, s, Float(1 / cell)) }
                if end - Double(last) > 1e-3 { body(d, last, Float(min(min(end - Double(last), 1), cell) / cell)) }
            }
            return
        }
        let inverse = 1 / scale
        for d in 0..<output {
            var s = Int((Double(d) * scale).rounded(.down))
            var f = Float(Double(d + 1) - Double(s + 1) * inverse)
            f = f <= 0 ? 0 : f - f.rounded(.down)
            if s >= input - 1 { s = input - 1; f = 0 }
            if s < 0 { s = 0; f = 0 }
            if f == 0 {
                body(d, s, 1)
            } else {
                body(d, s, 1 - f)
                body(d, s + 1, f)
            }
        }
    }

    /// The taps of every output index along one axis, laid out contiguously for the inner loops.
    struct TapTable {
        /// Output index d uses taps `offsets[d]..<offsets[d + 1]`.
        let offsets: [Int]
        let sources: [Int]
        let weights: [Float]

        init(input: Int, output: Int) {
            var offsets = [Int](repeating: 0, count: output + 1)
            var sources = [Int](), weights = [Float]()
            sources.reserveCapacity(input + 2 * output)
            weights.reserveCapacity(input + 2 * output)
            AreaResampling.forEachTap(input: input, output: output) { d, source, weight in
                sources.append(source)
                weights.append(weight)
                offsets[d + 1] = sources.count
            }
            // An output index without taps (none exists for valid sizes) would end where its predecessor ends.
            for d in 0..<output { offsets[d + 1] = max(offsets[d + 1], offsets[d]) }
            self.offsets = offsets
            self.sources = sources
            self.weights = weights
        }
    }

    /// Resizes an 8-bit RGB image, rounding back to 8 bits as OpenCV does for 8-bit input.
    public static func resize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        resize(image, sizes: [(width, height)])[0]
    }

    /// The image resized to each of `sizes`, each exactly as `resize(_:width:height:)` makes it. Sizes no
    /// taller than the image (an image pyramid's) are all made in one pass over its rows: each input row is
    /// read once, while it is in the cache, and added into every size's rows that it overlaps, instead of
    /// the whole image being read again for every size.
    public static func resize(_ image: RGBImage, sizes: [(width: Int, height: Int)]) -> [RGBImage] {
        precondition(image.width > 0 && image.height > 0 && sizes.allSatisfy { $0.width > 0 && $0.height > 0 })
        var levels = sizes.map { PyramidLevel(image: image, width: $0.width, height: $0.height) }
        let rowLength = image.width * 3
        image.pixels.withUnsafeBufferPointer { src in
            for r in 0..<image.height {
                let line = src.baseAddress! + r * rowLength
                for k in levels.indices where levels[k].streams {
                    levels[k].add(line, row: r, rowLength: rowLength)
                }
            }
            for k in levels.indices where !levels[k].streams {
                levels[k].enlarge(src.baseAddress!, rowLength: rowLength)
            }
        }
        return levels.map { RGBImage(width: $0.width, height: $0.height, pixels: $0.pixels) }
    }

    /// Output pixel `x` of an accumulated row of interleaved RGB floats (one spare value at its end): the sum of
    /// its column taps, the three channels in lanes 0…2.
    @inline(__always)
    static func columnSum(_ row: UnsafePointer<Float>, _ x: Int, _ offsets: UnsafeBufferPointer<Int>,
                          _ sources: UnsafeBufferPointer<Int>, _ weights: UnsafeBufferPointer<Float>) -> SIMD4<Float> {
        var sum = SIMD4<Float>()
        for t in offsets[x]..<offsets[x + 1] {
            let pixel = UnsafeRawPointer(row + sources[t] * 3).loadUnaligned(as: SIMD4<Float>.self)
            sum += SIMD4(repeating: weights[t]) * pixel
        }
        return sum
    }

    /// One size made output row by output row, each from all its input rows (the way sizes that enlarge the
    /// image are made); the streaming pass must give the same bytes.
    static func resizeByOutputRows(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        var level = PyramidLevel(image: image, width: width, height: height)
        image.pixels.withUnsafeBufferPointer { level.enlarge($0.baseAddress!, rowLength: image.width * 3) }
        return RGBImage(width: width, height: height, pixels: level.pixels)
    }

    /// Output rows `[0, finished)` of one size, and the accumulators of the (at most two) rows still open.
    private struct PyramidLevel {
        let width: Int
        let height: Int
        let columns: TapTable
        let rows: TapTable
        /// OpenCV's exact 2×2 path (rounding the integer sum half up) applies.
        let halving: Bool
        /// Whether each input row adds into at most two consecutive output rows (the image is not enlarged
        /// vertically), so that rows can be made as the input streams past.
        let streams: Bool
        var pixels: [UInt8]
        /// Output row y accumulates in `accumulators[y % 2]`; one spare value so that each pixel's three
        /// channels can be read as a 4-vector.
        var accumulators: [[Float]]
        /// The integer sums of output row y's inner input rows, in `innerSums[y % 2]`.
        var innerSums: [[UInt16]]
        /// For each output row, whether its taps between the first and the last (at least one, at most 257 so
        /// that 8-bit values cannot overflow 16 bits) share one weight: they are then summed as integers and
        /// weighed once, which is exact up to the one rounding of the product.
        let summedInner: [Bool]
        var finished = 0

        init(image: RGBImage, width: Int, height: Int) {
            self.width = width
            self.height = height
            columns = TapTable(input: image.width, output: width)
            rows = TapTable(input: image.height, output: height)
            halving = image.width == 2 * width && image.height == 2 * height
            streams = height <= image.height
            pixels = [UInt8](repeating: 0, count: width * height * 3)
            accumulators = [[Float]](repeating: [Float](repeating: 0, count: image.width * 3 + 1), count: 2)
            summedInner = (0..<height).map { [rows] y in
                let first = rows.offsets[y] + 1
                let inner = first..<max(first, rows.offsets[y + 1] - 1)
                return (1...257).contains(inner.count) && inner.allSatisfy { rows.weights[$0] == rows.weights[inner.lowerBound] }
            }
            innerSums = summedInner.contains(true) ? [[UInt16]](repeating: [UInt16](repeating: 0, count: image.width * 3), count: 2) : [[], []]
        }

        /// Adds input row `r` into the open output rows that overlap it, finishing those whose last row it is.
        /// The taps of an output row are consecutive input rows.
        mutating func add(_ line: UnsafePointer<UInt8>, row r: Int, rowLength: Int) {
            var y = finished
            while y < height {
                let firstTap = rows.offsets[y], endTap = rows.offsets[y + 1]
                let firstSource = rows.sources[firstTap]
                guard firstSource <= r else { break }
                let t = firstTap + (r - firstSource)
                if t < endTap {
                    accumulate(line, tap: t, row: y, rowLength: rowLength)
                    if t == endTap - 1 {
                        finishRow(y)
                        finished = y + 1
                    }
                }
                y += 1
            }
        }

        /// Makes every output row of an enlarging size from the taps of each row in turn.
        mutating func enlarge(_ src: UnsafePointer<UInt8>, rowLength: Int) {
            for y in 0..<height {
                for t in rows.offsets[y]..<rows.offsets[y + 1] {
                    accumulate(src + rows.sources[t] * rowLength, tap: t, row: y, rowLength: rowLength)
                }
                finishRow(y)
            }
        }

        /// Adds tap `t` of output row `y` (its taps taken in order): the first tap weighed into the row's
        /// accumulator, inner taps summed as integers when `summedInner[y]` (else weighed and added), and the last
        /// tap adds the weighed integer sum and then its own weighed row.
        private mutating func accumulate(_ line: UnsafePointer<UInt8>, tap t: Int, row y: Int, rowLength: Int) {
            let firstTap = rows.offsets[y], lastTap = rows.offsets[y + 1] - 1
            let w = rows.weights[t], slot = y % 2
            if t > firstTap && t < lastTap && summedInner[y] {
                innerSums[slot].withUnsafeMutableBufferPointer { sums in
                    let s = sums.baseAddress!
                    if t == firstTap + 1 {
                        for i in 0..<rowLength { s[i] = UInt16(line[i]) }
                    } else {
                        for i in 0..<rowLength { s[i] &+= UInt16(line[i]) }
                    }
                }
                return
            }
            let innerWeight = t == lastTap && t > firstTap + 1 && summedInner[y] ? rows.weights[firstTap + 1] : nil
            accumulators[slot].withUnsafeMutableBufferPointer { acc in
                let a = acc.baseAddress!
                if t == firstTap {
                    for i in 0..<rowLength { a[i] = w * Float(line[i]) }
                } else if let innerWeight {
                    innerSums[slot].withUnsafeBufferPointer { sums in
                        let s = sums.baseAddress!
                        for i in 0..<rowLength { a[i] = (a[i] + innerWeight * Float(s[i])) + w * Float(line[i]) }
                    }
                } else {
                    for i in 0..<rowLength { a[i] += w * Float(line[i]) }
                }
            }
        }

        /// Output row y from its accumulated input row: each pixel's column taps, rounded to 8 bits.
        private mutating func finishRow(_ y: Int) {
            let halving = halving, width = width
            accumulators[y % 2].withUnsafeBufferPointer { acc in
            columns.offsets.withUnsafeBufferPointer { colOffsets in
            columns.sources.withUnsafeBufferPointer { colSources in
            columns.weights.withUnsafeBufferPointer { colWeights in
            pixels.withUnsafeMutableBufferPointer { out in
                typealias Vector = SIMD4<Float>
                let a = acc.baseAddress!, dst = out.baseAddress! + y * width * 3
                // Adding 1.5·2²³ rounds to the nearest integer, ties to even (the values lie in 0…255).
                let shifter = Vector(repeating: 12_582_912), zero = Vector(), top = Vector(repeating: 255)
                for x in 0..<width {
                    let sum = AreaResampling.columnSum(a, x, colOffsets, colSources, colWeights)
                    if halving {
                        // OpenCV's exact 2×2 path rounds the integer sum half up.
                        dst[x * 3] = UInt8(min(255, Int((sum[0] * 4).rounded()) + 2) >> 2)
                        dst[x * 3 + 1] = UInt8(min(255, Int((sum[1] * 4).rounded()) + 2) >> 2)
                        dst[x * 3 + 2] = UInt8(min(255, Int((sum[2] * 4).rounded()) + 2) >> 2)
                    } else {
                        var rounded = (sum + shifter) - shifter
                        rounded = rounded.replacing(with: zero, where: rounded .< zero)
                        rounded = rounded.replacing(with: top, where: rounded .> top)
                        dst[x * 3] = UInt8(rounded[0])
                        dst[x * 3 + 1] = UInt8(rounded[1])
                        dst[x * 3 + 2] = UInt8(rounded[2])
                    }
                }
            }
            }
            }
            }
            }
        }
    }

    /// A `width × height` region of an 8-bit RGB image whose top-left pixel is at (`originX`, `originY`), zero
    /// where it lies outside the image, resized to `toWidth × toHeight` without rounding: interleaved RGB floats
    /// into `out`. The same values as cutting the region out as floats and resizing it with
    /// `resize(_:width:height:toWidth:toHeight:)`, without making the cut-out (face crops for the refinement nets).
    public static func resizeRegion(of image: RGBImage, originX: Int, originY: Int, width: Int, height: Int,
                                    toWidth: Int, toHeight: Int, into out: UnsafeMutablePointer<Float>) {
        precondition(width > 0 && height > 0 && toWidth > 0 && toHeight > 0)
        let columns = TapTable(input: width, output: toWidth)
        // Face crops are square: one table serves both axes.
        let rows = width == height && toWidth == toHeight ? columns : TapTable(input: height, output: toHeight)
        let firstColumn = min(max(0, originX), image.width), endColumn = max(firstColumn, min(image.width, originX + width))
        let insideLength = (endColumn - firstColumn) * 3
        let insideOffset = (firstColumn - originX) * 3
        // One spare value so that each pixel's three channels can be read as a 4-vector.
        var accumulator = [Float](repeating: 0, count: width * 3 + 1)
        image.pixels.withUnsafeBufferPointer { src in
        accumulator.withUnsafeMutableBufferPointer { acc in
        columns.offsets.withUnsafeBufferPointer { colOffsets in
        columns.sources.withUnsafeBufferPointer { colSources in
        columns.weights.withUnsafeBufferPointer { colWeights in
            let a = acc.baseAddress!
            for y in 0..<toHeight {
                a.update(repeating: 0, count: width * 3)
                for t in rows.offsets[y]..<rows.offsets[y + 1] {
                    let sourceRow = originY + rows.sources[t]
                    guard sourceRow >= 0, sourceRow < image.height, insideLength > 0 else { continue }
                    let line = src.baseAddress! + (sourceRow * image.width + firstColumn) * 3
                    let w = rows.weights[t], row = a + insideOffset
                    for i in 0..<insideLength { row[i] += w * Float(line[i]) }
                }
                let dst = out + y * toWidth * 3
                for x in 0..<toWidth {
                    let sum = columnSum(a, x, colOffsets, colSources, colWeights)
                    dst[x * 3] = sum[0]
                    dst[x * 3 + 1] = sum[1]
                    dst[x * 3 + 2] = sum[2]
                }
            }
        }
        }
        }
        }
        }
    }

    /// Resizes a float RGB buffer (`width × height × 3`, interleaved) without rounding: the plain form that
    /// `resizeRegion` is tested against.
    static func resize(_ pixels: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Float] {
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
}
