/// Winograd's F(3×3, 3×3) for batch-interleaved inputs: 25 multiplies per 3×3 output tile and channel pair
/// (2.8 per output) instead of F(2×2, 3×3)'s 16 per 2×2 tile (4 per output). Its transforms cost more, so it
/// pays where the output sides divide into threes: R-Net's 9×9 and O-Net's 21×21 second convolutions.
///
/// The matrices come from evaluating at 0, 1, −1, 2 and ∞ (Toom–Cook): `Aᵀ` is the output polynomial's
/// evaluation, `G` the filter's, `Bᵀ` the transposed interpolation. `Bᵀ`'s rows are scaled by 2, 2, 6, 6, 1 to
/// integers and `G`'s rows by the inverse, which leaves every product unchanged.
extension WinogradConvolution {
    /// `G` (5 × 3), rows already divided by 2, 2, 6, 6 and 1.
    static let largeTileFilterTransform: [[Double]] = [
        [1.0 / 2, 0, 0], [1.0 / 2, 1.0 / 2, 1.0 / 2], [1.0 / 6, -1.0 / 6, 1.0 / 6], [1.0 / 6, 1.0 / 3, 2.0 / 3], [0, 0, 1],
    ]

    /// Whether 3×3 output tiles need clearly fewer multiplies than 2×2 ones for an output plane of this size
    /// (their dearer transforms eat a small advantage).
    static func prefersLargeTiles(height: Int, width: Int) -> Bool {
        let small = (height + 1) / 2 * ((width + 1) / 2) * 16
        let large = (height + 2) / 3 * ((width + 2) / 3) * 25
        return large * 20 < small * 17
    }

    /// `U = G·g·Gᵀ` for every filter, as `[α² (ξ)][outChannels / 4 rounded up][inChannels][4]` for a `G` of α rows.
    static func transformFilters(_ weights: [Float], outChannels: Int, inChannels: Int, by g: [[Double]]) -> [Float] {
        let alpha = g.count, blocks = (outChannels + 3) / 4
        var u = [Float](repeating: 0, count: alpha * alpha * blocks * inChannels * 4)
        for o in 0..<outChannels {
            for c in 0..<inChannels {
                let filter = (0..<9).map { Double(weights[(o * inChannels + c) * 9 + $0]) }
                // G·filter: α rows of 3 (filter rows y, columns x).
                let left = (0..<alpha).map { i in (0..<3).map { x in (0..<3).reduce(0.0) { $0 + g[i][$1] * filter[$1 * 3 + x] } } }
                for i in 0..<alpha {
                    for j in 0..<alpha {
                        let value = (0..<3).reduce(0.0) { $0 + left[i][$1] * g[j][$1] }
                        u[(((alpha * i + j) * blocks + o / 4) * inChannels + c) * 4 + o % 4] = Float(value)
                    }
                }
            }
        }
        return u
    }

    /// `forwardInterleaved` by 3×3 output tiles.
    func forwardInterleavedLargeTiles(_ input: UnsafePointer<Float>, groups: Int, height: Int, width: Int, slopes: [Float]?,
                                      into out: UnsafeMutablePointer<Float>) {
        let outHeight = height - 2, outWidth = width - 2
        // Each transform passes its rows through these 25 vectors on the way to its columns.
        var scratch = [Vector](repeating: Vector(), count: 25)
        scratch.withUnsafeMutableBufferPointer { scratch in
            let between = scratch.baseAddress!
            interleavedBands(input, groups: groups, height: height, width: width, side: 3, filters: largeTileFilters.values,
                             into: out, transformPatch: { plane, y, x, dst, positionStride in
                Self.transformLargePatch(plane, y: y, x: x, height: height, width: width, between: between,
                                         into: dst, positionStride: positionStride)
            }, transformOutput: { sums, positionStride, o, plane, y, x in
                Self.transformLargeOutput(sums, positionStride: positionStride, bias: Vector(repeating: bias?[o] ?? 0),
                                          slope: slopes.map { Vector(repeating: $0[o]) }, between: between,
                                          into: plane, y: y, x: x, height: outHeight, width: outWidth)
            })
        }
    }

    /// `Bᵀ·(d₀ … d₄)` with `Bᵀ`'s integer rows: (2, −1, −2, 1, 0), (0, 2, 1, −1, 0), (0, −2, 3, −1, 0),
    /// (0, −1, 0, 1, 0), (0, 2, −1, −2, 1).
    @inline(__always)
    private static func inputTransform(_ d0: Vector, _ d1: Vector, _ d2: Vector, _ d3: Vector, _ d4: Vector)
        -> (Vector, Vector, Vector, Vector, Vector) {
        let two = Vector(repeating: 2)
        let a = d3 - d1
        return (two * (d0 - d2) + a, d1 + d2 - a, two * (d2 - d1) + (d2 - d3), a, d4 - d2 - two * a)
    }

    /// `Aᵀ·(m₀ … m₄)` with `Aᵀ`'s rows (1, 1, 1, 1, 0), (0, 1, −1, 2, 0), (0, 1, 1, 4, 1).
    @inline(__always)
    private static func outputTransform(_ m0: Vector, _ m1: Vector, _ m2: Vector, _ m3: Vector, _ m4: Vector)
        -> (Vector, Vector, Vector) {
        let sum = m1 + m2
        return (m0 + sum + m3, m1 - m2 + Vector(repeating: 2) * m3, sum + Vector(repeating: 4) * m3 + m4)
    }

    /// `V = Bᵀ·d·B` of the 5×5 patch at (`y`, `x`) of an interleaved plane (pixels outside it read as zero):
    /// rows first into `between`, then columns into `dst + ξ·positionStride`.
    @inline(__always)
    private static func transformLargePatch(_ plane: UnsafePointer<Float>, y: Int, x: Int, height: Int, width: Int,
                                            between: UnsafeMutablePointer<Vector>, into dst: UnsafeMutablePointer<Float>,
                                            positionStride: Int) {
        let lanes = Self.lanes
        let inside = y + 4 < height && x + 4 < width
        for r in 0..<5 {
            @inline(__always)
            func pixel(_ j: Int) -> Vector {
                guard inside || (y + r < height && x + j < width) else { return Vector() }
                return UnsafeRawPointer(plane + ((y + r) * width + x + j) * lanes).loadUnaligned(as: Vector.self)
            }
            let t = inputTransform(pixel(0), pixel(1), pixel(2), pixel(3), pixel(4))
            between[5 * r] = t.0
            between[5 * r + 1] = t.1
            between[5 * r + 2] = t.2
            between[5 * r + 3] = t.3
            between[5 * r + 4] = t.4
        }
        @inline(__always)
        func put(_ v: Vector, _ xi: Int) {
            UnsafeMutableRawPointer(dst + xi * positionStride).storeBytes(of: v, as: Vector.self)
        }
        for j in 0..<5 {
            let t = inputTransform(between[j], between[5 + j], between[10 + j], between[15 + j], between[20 + j])
            put(t.0, j)
            put(t.1, 5 + j)
            put(t.2, 10 + j)
            put(t.3, 15 + j)
            put(t.4, 20 + j)
        }
    }

    /// `Y = Aᵀ·M·A` plus bias and activation for one output channel's tile at (`y`, `x`) of an interleaved
    /// plane; outputs past the plane's edge are dropped.
    @inline(__always)
    private static func transformLargeOutput(_ sums: UnsafePointer<Float>, positionStride: Int, bias: Vector, slope: Vector?,
                                             between: UnsafeMutablePointer<Vector>, into plane: UnsafeMutablePointer<Float>,
                                             y: Int, x: Int, height: Int, width: Int) {
        let lanes = Self.lanes
        @inline(__always)
        func sum(_ xi: Int) -> Vector { UnsafeRawPointer(sums + xi * positionStride).loadUnaligned(as: Vector.self) }
        for j in 0..<5 {
            let c = outputTransform(sum(j), sum(5 + j), sum(10 + j), sum(15 + j), sum(20 + j))
            between[j] = c.0
            between[5 + j] = c.1
            between[10 + j] = c.2
        }
        @inline(__always)
        func put(_ v: Vector, _ i: Int, _ j: Int) {
            guard y + i < height && x + j < width else { return }
            UnsafeMutableRawPointer(plane + ((y + i) * width + x + j) * lanes)
                .storeBytes(of: activated(v, bias: bias, slope: slope), as: Vector.self)
        }
        for i in 0..<3 {
            let row = between + 5 * i
            let out = outputTransform(row[0], row[1], row[2], row[3], row[4])
            put(out.0, i, 0)
            put(out.1, i, 1)
            put(out.2, i, 2)
        }
    }

    /// `v + bias`, through the PReLU of slope `slope` when there is one.
    @inline(__always)
    static func activated(_ v: Vector, bias: Vector, slope: Vector?) -> Vector {
        let sum = v + bias
        guard let slope else { return sum }
        return sum * Vector(repeating: 1).replacing(with: slope, where: sum .< Vector())
    }
}
