/// A transpose that keeps some leading axes and swaps the two groups of axes after them, e.g. NCHW → NHWC
/// (`[0, 2, 3, 1]`) or back (`[0, 3, 1, 2]`): for each leading index, a `rows × columns` matrix transposed.
struct BlockSwap {
    let outer: Int
    let rows: Int
    let columns: Int

    /// Recognises `permutation = [0..<k] + [j..<rank] + [k..<j]` with `k < j < rank`.
    init?(permutation: [Int], shape: [Int]) {
        let rank = permutation.count
        guard let k = (0..<rank).first(where: { permutation[$0] != $0 }) else { return nil }
        let j = permutation[k]
        guard j > k, j < rank, permutation == Array(0..<k) + Array(j..<rank) + Array(k..<j) else { return nil }
        outer = shape[..<k].reduce(1, *)
        rows = shape[k..<j].reduce(1, *)
        columns = shape[j...].reduce(1, *)
    }

    /// Writes `out[o][c][r] = in[o][r][c]`, in tiles that keep both sides' cache lines in use.
    func apply(_ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let tile = 16
        for o in 0..<outer {
            let src = input + o * rows * columns, dst = out + o * rows * columns
            var r0 = 0
            while r0 < rows {
                let r1 = min(rows, r0 + tile)
                var c0 = 0
                while c0 < columns {
                    let c1 = min(columns, c0 + tile)
                    for c in c0..<c1 {
                        for r in r0..<r1 { dst[c * rows + r] = src[r * columns + c] }
                    }
                    c0 = c1
                }
                r0 = r1
            }
        }
    }
}
