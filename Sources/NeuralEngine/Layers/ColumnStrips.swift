/// A wide plane cut into eight side-by-side column strips that become the eight lanes of the batch-interleaved
/// layout (`BatchInterleaving`), so that one large image can use the kernels written for eight small ones.
///
/// Strip `s` produces output columns `[s·S, s·S + S)` of a convolution whose kernel is `overlap + 1` wide, and so
/// reads input columns `[s·S, s·S + S + overlap)`; columns past the plane read as zero and the outputs they make
/// are dropped. `S` is a multiple of `tile` (3 for Winograd's 3×3 tiles), so no tile straddles two strips.
struct ColumnStrips {
    static let lanes = BatchInterleaving.lanes
    /// Output columns per strip (S).
    let stripWidth: Int
    /// Extra input columns each strip reads past its outputs (kernel width − 1).
    let overlap: Int

    /// Strips for a convolution output `outputWidth` wide, or nil when the plane is too narrow for strips of at
    /// least `minimumStripWidth` columns.
    init?(outputWidth: Int, overlap: Int, tile: Int, minimumStripWidth: Int) {
        let width = ((outputWidth + Self.lanes - 1) / Self.lanes + tile - 1) / tile * tile
        guard width >= minimumStripWidth else { return nil }
        stripWidth = width
        self.overlap = overlap
    }

    /// Input columns per strip.
    var inputWidth: Int { stripWidth + overlap }

    /// One channel's `rows` rows (`rowStride` apart, `width` columns) laid out as strips: `dst[r][j][s]` is
    /// column `s·S + j` of row r, or zero past `width`.
    func gather(_ plane: UnsafePointer<Float>, rows: Int, width: Int, rowStride: Int, into dst: UnsafeMutablePointer<Float>) {
        let lanes = Self.lanes, span = inputWidth
        for r in 0..<rows {
            let line = plane + r * rowStride, target = dst + r * span * lanes
            for s in 0..<lanes {
                let first = s * stripWidth, inside = max(0, min(span, width - first))
                for j in 0..<inside { target[j * lanes + s] = line[first + j] }
                for j in inside..<span { target[j * lanes + s] = 0 }
            }
        }
    }

    /// The inverse for outputs: `rows` rows of strips (`src[r][j][s]`, S columns each) written back as rows of a
    /// plane `width` wide (`rowStride` apart), dropping the columns past it.
    func scatter(_ src: UnsafePointer<Float>, rows: Int, width: Int, into plane: UnsafeMutablePointer<Float>, rowStride: Int) {
        let lanes = Self.lanes
        for r in 0..<rows {
            let line = plane + r * rowStride, source = src + r * stripWidth * lanes
            for s in 0..<lanes {
                let first = s * stripWidth, inside = max(0, min(stripWidth, width - first))
                for j in 0..<inside { line[first + j] = source[j * lanes + s] }
            }
        }
    }
}
