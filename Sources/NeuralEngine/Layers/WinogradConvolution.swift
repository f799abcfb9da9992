/// A stride-1, unpadded 3×3 convolution by Winograd's F(2×2, 3×3) algorithm: 16 multiplies per 2×2 output
/// tile and channel pair instead of 36.
///
/// The output is cut into 2×2 tiles. For a band of tiles, each 4×4 input patch `d` becomes `V = Bᵀ·d·B`
/// (one plane per transform position ξ and input channel, tiles side by side); each position ξ is then a
/// 1×1 convolution of those planes with the transformed filters `U = G·g·Gᵀ`, run by the direct kernel; and
/// each tile's 16 sums `M` become its 2×2 outputs `Aᵀ·M·A`, plus bias and activation.
struct WinogradConvolution: Sendable {
    typealias Vector = SIMD8<Float>
    let outChannels: Int
    let inChannels: Int
    /// `U` for every filter, as `[16 (ξ)][outChannels / 4 rounded up][inChannels][4]`, zero beyond the last
    /// output channel.
    let transformedFilters: [Float]
    /// `U` of F(3×3, 3×3) for every filter, as `[25 (ξ)][outChannels / 4 rounded up][inChannels][4]`: used for
    /// batch-interleaved inputs whose output sides make 3×3 tiles cheaper (see `forwardInterleaved`), and made
    /// on first use (for dlib's ResNet, which never takes such inputs, it would be tens of megabytes).
    let largeTileFilters: LazyFilterTable
    let bias: [Float]?
    /// Tiles per band (row-major over the image, three full kernel tiles): the band's transformed input and
    /// products stay in L2.
    private static let bandTiles = 72
    static let lanes = 8

    init(weights: [Float], bias: [Float]?, outChannels: Int, inChannels: Int) {
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.bias = bias
        let blocks = (outChannels + 3) / 4
        var u = [Float](repeating: 0, count: 16 * blocks * inChannels * 4)
        for o in 0..<outChannels {
            for c in 0..<inChannels {
                let g = (0..<9).map { Double(weights[(o * inChannels + c) * 9 + $0]) }
                // G·g (4 rows of 3), then (G·g)·Gᵀ (4 × 4).
                let columns = (0..<3).map { x in Self.expand(g[x], g[3 + x], g[6 + x]) }
                for i in 0..<4 {
                    let row = Self.expand(columns[0][i], columns[1][i], columns[2][i])
                    for j in 0..<4 {
                        u[(((4 * i + j) * blocks + o / 4) * inChannels + c) * 4 + o % 4] = Float(row[j])
                    }
                }
            }
        }
        transformedFilters = u
        largeTileFilters = LazyFilterTable {
            Self.transformFilters(weights, outChannels: outChannels, inChannels: inChannels, by: Self.largeTileFilterTransform)
        }
    }

    /// `G·(a, b, c)`: a filter's three taps along one axis spread over the four transform positions.
    private static func expand(_ a: Double, _ b: Double, _ c: Double) -> [Double] {
        let outer = a + c
        return [a, (outer + b) / 2, (outer - b) / 2, c]
    }

    /// Convolves `batch` images of `inChannels × height × width` (both at least 3) into `out` (NCHW),
    /// applying bias and, when given, a per-channel PReLU. Channel planes lie `inputPlaneStride` and
    /// `outputPlaneStride` floats apart (default: packed), so that a band of rows of larger planes can be
    /// convolved on its own.
    func forward(_ input: UnsafePointer<Float>, batch: Int, height: Int, width: Int, slopes: [Float]?,
                 inputPlaneStride: Int? = nil, outputPlaneStride: Int? = nil, into out: UnsafeMutablePointer<Float>) {
        let outHeight = height - 2, outWidth = width - 2
        let inputPlane = inputPlaneStride ?? height * width, outputPlane = outputPlaneStride ?? outHeight * outWidth
        let tilesY = (outHeight + 1) / 2, tilesX = (outWidth + 1) / 2
        let tileCount = tilesY * tilesX
        let planeStride = 2 * Self.lanes + Self.bandTiles
        let blocks = (outChannels + 3) / 4
        let biases = (0..<outChannels).map { bias?[$0] ?? 0 }
        let slopeValues = slopes ?? []
        withBandBuffers(planeStride: planeStride, positions: 16, filters: transformedFilters) { v, m, multiply in
            // Bands run over the tiles of all images in turn, so that small images share full kernel tiles.
            func parts(of band: Range<Int>, _ body: (_ image: Int, _ tiles: Range<Int>, _ offset: Int) -> Void) {
                var g = band.lowerBound
                while g < band.upperBound {
                    let n = g / tileCount, local = g - n * tileCount
                    let end = min(tileCount, local + band.upperBound - g)
                    body(n, local..<end, g - band.lowerBound)
                    g += end - local
                }
            }
            var first = 0
            while first < batch * tileCount {
                let band = first..<min(batch * tileCount, first + Self.bandTiles)
                parts(of: band) { n, tiles, offset in
                    let image = input + n * inChannels * inputPlane
                    for c in 0..<inChannels {
                        transformInput(image + c * inputPlane, height: height, width: width, tilesX: tilesX,
                                       tiles: tiles, into: v + c * planeStride + offset, positionStride: inChannels * planeStride)
                    }
                }
                multiply(band.count)
                parts(of: band) { n, tiles, offset in
                    let result = out + n * outChannels * outputPlane
                    for o in 0..<outChannels {
                        transformOutput(m + o * planeStride + offset, positionStride: blocks * 4 * planeStride, tilesX: tilesX,
                                        tiles: tiles, bias: biases[o], slope: slopes == nil ? nil : slopeValues[o],
                                        into: result + o * outputPlane, height: outHeight, width: outWidth)
                    }
                }
                first = band.upperBound
            }
        }
    }

    /// Runs `body` with a band's transformed-input and product buffers (`planeStride` floats per plane, one
    /// spare plane and a margin of 8 floats before the first for the kernel's overlapping tail tiles) and a
    /// function that multiplies the band's first `count` positions by the transformed `filters`: `positions`
    /// transform positions each (16 for 2×2 tiles, 25 for 3×3), laid out as `transformedFilters`.
    func withBandBuffers(planeStride: Int, positions: Int, filters: [Float],
                         _ body: (_ v: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                                  _ multiply: (_ count: Int) -> Void) -> Void) {
        let blocks = (outChannels + 3) / 4
        var inputs = [Float](repeating: 0, count: (positions * inChannels + 1) * planeStride)
        var products = [Float](repeating: 0, count: (positions * blocks * 4 + 1) * planeStride)
        let offsets = (0..<inChannels).map { $0 * planeStride }
        offsets.withUnsafeBufferPointer { offsets in
        filters.withUnsafeBufferPointer { filters in
        inputs.withUnsafeMutableBufferPointer { inputs in
        products.withUnsafeMutableBufferPointer { products in
            let v = inputs.baseAddress! + Self.lanes, m = products.baseAddress! + Self.lanes
            let kernel = TileKernel(offsets: offsets.baseAddress!, taps: inChannels, activated: false)
            let raw = TileKernel.Epilogue(bias: SIMD8<Float>(), slope: SIMD8<Float>(repeating: 1))
            body(v, m) { count in
                for xi in 0..<positions {
                    for block in 0..<blocks {
                        kernel.run(v + xi * inChannels * planeStride, count: count,
                                   filters: filters.baseAddress! + (xi * blocks + block) * inChannels * 4, epilogue: raw,
                                   into: m + (xi * blocks * 4 + block * 4) * planeStride, channelStride: planeStride)
                    }
                }
            }
        }
        }
        }
        }
    }

    /// Tiles per band in the batch-interleaved layout: each tile is eight images, so a band is 72 positions
    /// (three full kernel tiles), as in the planar layout.
    static let interleavedBandTiles = 9

    /// Convolves `groups` batch-interleaved groups (`[groups, inChannels, height, width, 8]`, see
    /// `BatchInterleaving`) into `out` (`[groups, outChannels, height − 2, width − 2, 8]`), applying bias and,
    /// when given, a per-channel PReLU. Each tile's transforms work on eight images at once, whatever the
    /// plane's size.
    func forwardInterleaved(_ input: UnsafePointer<Float>, groups: Int, height: Int, width: Int, slopes: [Float]?,
                            into out: UnsafeMutablePointer<Float>) {
        let outHeight = height - 2, outWidth = width - 2
        if Self.prefersLargeTiles(height: outHeight, width: outWidth) {
            forwardInterleavedLargeTiles(input, groups: groups, height: height, width: width, slopes: slopes, into: out)
            return
        }
        interleavedBands(input, groups: groups, height: height, width: width, side: 2, filters: transformedFilters, into: out,
                         transformPatch: { plane, y, x, dst, positionStride in
            Self.transformInterleavedPatch(plane, y: y, x: x, height: height, width: width, into: dst, positionStride: positionStride)
        }, transformOutput: { sums, positionStride, o, plane, y, x in
            transformInterleavedOutput(sums, positionStride: positionStride, bias: bias?[o] ?? 0, slope: slopes?[o],
                                       into: plane, y: y, x: x, height: outHeight, width: outWidth)
        })
    }

    /// The band loop of the interleaved paths, for output tiles of `side × side` (2 or 3; `(side + 2)²` transform
    /// positions, `filters` laid out for them): each group's tiles in bands of `interleavedBandTiles`, each
    /// band's input channels transformed (`transformPatch(plane, y, x, dst, positionStride)` for the tile whose
    /// top-left output is at (y, x)), multiplied by the filters, and each output channel's sums transformed back
    /// (`transformOutput(sums, positionStride, channel, plane, y, x)`).
    func interleavedBands(_ input: UnsafePointer<Float>, groups: Int, height: Int, width: Int, side: Int, filters: [Float],
                          into out: UnsafeMutablePointer<Float>,
                          transformPatch: (_ plane: UnsafePointer<Float>, _ y: Int, _ x: Int, _ dst: UnsafeMutablePointer<Float>,
                                           _ positionStride: Int) -> Void,
                          transformOutput: (_ sums: UnsafePointer<Float>, _ positionStride: Int, _ channel: Int,
                                            _ plane: UnsafeMutablePointer<Float>, _ y: Int, _ x: Int) -> Void) {
        let lanes = Self.lanes
        let outHeight = height - 2, outWidth = width - 2
        let tilesX = (outWidth + side - 1) / side, tileCount = (outHeight + side - 1) / side * tilesX
        let planeStride = Self.interleavedBandTiles * lanes
        let blocks = (outChannels + 3) / 4
        withBandBuffers(planeStride: planeStride, positions: (side + 2) * (side + 2), filters: filters) { v, m, multiply in
            for g in 0..<groups {
                let image = input + g * inChannels * height * width * lanes
                let result = out + g * outChannels * outHeight * outWidth * lanes
                var first = 0
                while first < tileCount {
                    let count = min(Self.interleavedBandTiles, tileCount - first)
                    for c in 0..<inChannels {
                        let plane = image + c * height * width * lanes
                        for k in 0..<count {
                            let ty = (first + k) / tilesX, tx = (first + k) % tilesX
                            transformPatch(plane, side * ty, side * tx, v + c * planeStride + k * lanes, inChannels * planeStride)
                        }
                    }
                    multiply(count * lanes)
                    for o in 0..<outChannels {
                        let plane = result + o * outHeight * outWidth * lanes
                        for k in 0..<count {
                            let ty = (first + k) / tilesX, tx = (first + k) % tilesX
                            transformOutput(m + o * planeStride + k * lanes, blocks * 4 * planeStride, o, plane, side * ty, side * tx)
                        }
                    }
                    first += count
                }
            }
        }
    }

    /// `Bᵀ·d·B` of the 4×4 patch at (`y`, `x`) of an interleaved plane: eight images' patches at once, pixels
    /// outside the plane read as zero.
    @inline(__always)
    private static func transformInterleavedPatch(_ plane: UnsafePointer<Float>, y: Int, x: Int, height: Int, width: Int,
                                                  into dst: UnsafeMutablePointer<Float>, positionStride: Int) {
        let lanes = Self.lanes
        @inline(__always)
        func pixel(_ p: UnsafePointer<Float>) -> Vector { UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }
        if y + 3 < height && x + 3 < width {
            let origin = plane + (y * width + x) * lanes
            transformPatches({ r in
                let row = origin + r * width * lanes
                return (pixel(row), pixel(row + lanes), pixel(row + 2 * lanes), pixel(row + 3 * lanes))
            }, into: dst, positionStride: positionStride, lanes: lanes)
        } else {
            transformPatches({ r in
                @inline(__always)
                func value(_ j: Int) -> Vector {
                    y + r < height && x + j < width ? pixel(plane + ((y + r) * width + x + j) * lanes) : Vector()
                }
                return (value(0), value(1), value(2), value(3))
            }, into: dst, positionStride: positionStride, lanes: lanes)
        }
    }

    /// `Y = Aᵀ·M·A` plus bias and activation for one output channel's tile at (`y`, `x`) of an interleaved
    /// plane, eight images at once; outputs past the plane's edge are dropped.
    private func transformInterleavedOutput(_ sums: UnsafePointer<Float>, positionStride: Int, bias: Float, slope: Float?,
                                            into plane: UnsafeMutablePointer<Float>, y: Int, x: Int, height: Int, width: Int) {
        let lanes = Self.lanes
        let outputs = Self.outputTiles({ xi in UnsafeRawPointer(sums + xi * positionStride).loadUnaligned(as: Vector.self) },
                                       bias: bias, slope: slope)
        @inline(__always)
        func put(_ v: Vector, _ i: Int, _ j: Int) {
            guard y + i < height && x + j < width else { return }
            UnsafeMutableRawPointer(plane + ((y + i) * width + x + j) * lanes).storeBytes(of: v, as: Vector.self)
        }
        put(outputs.0, 0, 0)
        put(outputs.1, 0, 1)
        put(outputs.2, 1, 0)
        put(outputs.3, 1, 1)
    }

    /// `Y = Aᵀ·M·A` plus bias and activation for eight tiles at once, `sum(ξ)` giving their sums at transform
    /// position ξ: the outputs at (0, 0), (0, 1), (1, 0) and (1, 1) of each tile.
    @inline(__always)
    private static func outputTiles(_ sum: (Int) -> Vector, bias: Float, slope: Float?) -> (Vector, Vector, Vector, Vector) {
        let b = Vector(repeating: bias), a = slope.map { Vector(repeating: $0) }
        @inline(__always)
        func finish(_ y: Vector) -> Vector { activated(y, bias: b, slope: a) }
        // Column j of each tile's M (positions j, 4 + j, 8 + j, 12 + j) summed down by Aᵀ: (top, bottom).
        @inline(__always)
        func column(_ j: Int) -> (Vector, Vector) {
            let m0 = sum(j), m1 = sum(4 + j), m2 = sum(8 + j), m3 = sum(12 + j)
            return (m0 + m1 + m2, m1 - m2 - m3)
        }
        let (a0, b0) = column(0), (a1, b1) = column(1), (a2, b2) = column(2), (a3, b3) = column(3)
        return (finish(a0 + a1 + a2), finish(a1 - a2 - a3), finish(b0 + b1 + b2), finish(b1 - b2 - b3))
    }

    /// `V = Bᵀ·d·B` for one channel's tiles `tiles` (row-major tile indices); tile `tiles.lowerBound + k`,
    /// position ξ goes to `dst + ξ·positionStride + k`.
    private func transformInput(_ plane: UnsafePointer<Float>, height: Int, width: Int, tilesX: Int, tiles: Range<Int>,
                                into dst: UnsafeMutablePointer<Float>, positionStride: Int) {
        let origin = dst - tiles.lowerBound
        var t = tiles.lowerBound
        while t < tiles.upperBound {
            let ty = t / tilesX
            let rowEnd = min(tiles.upperBound - ty * tilesX, tilesX)
            let top = plane + 2 * ty * width
            let slot = origin + ty * tilesX
            var tx = t - ty * tilesX
            if 2 * ty + 3 < height {
                while tx + Self.lanes <= rowEnd && 2 * tx + 2 * Self.lanes + 2 <= width {
                    let p = top + 2 * tx
                    Self.transformPatches({ r in Self.columns(p + r * width) }, into: slot + tx,
                                          positionStride: positionStride, lanes: Self.lanes)
                    tx += Self.lanes
                }
            }
            while tx < rowEnd {
                func value(_ r: Int, _ j: Int) -> Vector {
                    2 * ty + r < height && 2 * tx + j < width ? Vector(repeating: top[r * width + 2 * tx + j]) : Vector()
                }
                Self.transformPatches({ r in (value(r, 0), value(r, 1), value(r, 2), value(r, 3)) }, into: slot + tx,
                                      positionStride: positionStride, lanes: 1)
                tx += 1
            }
            t = ty * tilesX + rowEnd
        }
    }

    /// `Bᵀ·d·B` of `lanes` tiles side by side (8, or 1 at a row's end), patch row r given by `patchRow(r)`, a
    /// transform row at a time so that few vectors are live at once: row 0 is `d₀ − d₂`, row 1 `d₁ + d₂`, row 2
    /// `d₂ − d₁`, row 3 `d₁ − d₃`, and each row's four columns `c` become `c₀ − c₂, c₁ + c₂, c₂ − c₁, c₁ − c₃`.
    @inline(__always)
    static func transformPatches(_ patchRow: (Int) -> Quad, into dst: UnsafeMutablePointer<Float>,
                                         positionStride: Int, lanes: Int) {
        @inline(__always)
        func put(_ v: Vector, _ position: Int) {
            if lanes == Self.lanes {
                UnsafeMutableRawPointer(dst + position * positionStride).storeBytes(of: v, as: Vector.self)
            } else {
                dst[position * positionStride] = v[0]
            }
        }
        @inline(__always)
        func store(_ c0: Vector, _ c1: Vector, _ c2: Vector, _ c3: Vector, row i: Int) {
            put(c0 - c2, 4 * i)
            put(c1 + c2, 4 * i + 1)
            put(c2 - c1, 4 * i + 2)
            put(c1 - c3, 4 * i + 3)
        }
        let d0 = patchRow(0), d2 = patchRow(2)
        store(d0.0 - d2.0, d0.1 - d2.1, d0.2 - d2.2, d0.3 - d2.3, row: 0)
        let d1 = patchRow(1)
        store(d1.0 + d2.0, d1.1 + d2.1, d1.2 + d2.2, d1.3 + d2.3, row: 1)
        store(d2.0 - d1.0, d2.1 - d1.1, d2.2 - d1.2, d2.3 - d1.3, row: 2)
        let d3 = patchRow(3)
        store(d1.0 - d3.0, d1.1 - d3.1, d1.2 - d3.2, d1.3 - d3.3, row: 3)
    }

    typealias Quad = (Vector, Vector, Vector, Vector)

    /// Columns 0…3 of the 4-wide patches of 8 tiles whose first patch starts at `p` (patches 2 apart).
    @inline(__always)
    private static func columns(_ p: UnsafePointer<Float>) -> Quad {
        let a = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
        let b = UnsafeRawPointer(p + 2).loadUnaligned(as: SIMD16<Float>.self)
        return (a.evenHalf, a.oddHalf, b.evenHalf, b.oddHalf)
    }

    /// `(a₀, b₀, a₁, b₁, …, a₇, b₇)`: the two output columns of eight tiles side by side.
    @inline(__always)
    private static func interleave(_ a: Vector, _ b: Vector) -> SIMD16<Float> {
        SIMD16(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
    }

    /// `Y = Aᵀ·M·A` plus bias and activation for one output channel's tiles `tiles`, whose sums start at `sums`.
    private func transformOutput(_ sums: UnsafePointer<Float>, positionStride: Int, tilesX: Int, tiles: Range<Int>,
                                 bias: Float, slope: Float?, into plane: UnsafeMutablePointer<Float>, height: Int, width: Int) {
        var t = tiles.lowerBound
        while t < tiles.upperBound {
            let ty = t / tilesX
            let rowEnd = min(tiles.upperBound - ty * tilesX, tilesX)
            var tx = t - ty * tilesX
            while tx < rowEnd {
                let p = sums + ty * tilesX + tx - tiles.lowerBound
                let (y00, y01, y10, y11) = Self.outputTiles({ xi in
                    UnsafeRawPointer(p + xi * positionStride).loadUnaligned(as: Vector.self)
                }, bias: bias, slope: slope)
                let chunk = min(Self.lanes, rowEnd - tx)
                let wholeChunk = chunk == Self.lanes && 2 * (tx + Self.lanes) <= width
                @inline(__always)
                func emit(_ left: Vector, _ right: Vector, row i: Int) {
                    guard 2 * ty + i < height else { return }
                    let row = plane + (2 * ty + i) * width + 2 * tx
                    if wholeChunk {
                        UnsafeMutableRawPointer(row).storeBytes(of: Self.interleave(left, right), as: SIMD16<Float>.self)
                    } else {
                        for l in 0..<chunk {
                            row[2 * l] = left[l]
                            if 2 * (tx + l) + 1 < width { row[2 * l + 1] = right[l] }
                        }
                    }
                }
                emit(y00, y01, row: 0)
                emit(y10, y11, row: 1)
                tx += chunk
            }
            t = ty * tilesX + rowEnd
        }
    }
}
