/// The im2col layout of one image for a convolution: a `[channels·kh·kw, outHeight·outWidth]` matrix whose row
/// (c, ky, kx) holds, for every output position, the input pixel that kernel tap sees (0 in the padding), so that
/// the convolution is one matrix product. `scatterAdd` is its adjoint (col2im), which the backward pass needs.
struct ImageColumns {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let rows: WindowAxis
    let cols: WindowAxis

    var rowCount: Int { channels * kernelHeight * kernelWidth }
    var columnCount: Int { rows.output * cols.output }

    func fill(image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
        var row = columns
        forEachTap { plane, ky, kx in
            for oy in 0..<rows.output {
                let iy = oy * rows.stride + ky - rows.padBegin
                let line = row + oy * cols.output
                guard iy >= 0, iy < height else {
                    line.update(repeating: 0, count: cols.output)
                    continue
                }
                let source = image + (plane * height + iy) * width
                for ox in 0..<cols.output {
                    let ix = ox * cols.stride + kx - cols.padBegin
                    line[ox] = ix >= 0 && ix < width ? source[ix] : 0
                }
            }
            row += columnCount
        }
    }

    /// Adds each column entry back onto the input pixel it was copied from; padding entries are dropped.
    func scatterAdd(columns: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        var row = columns
        forEachTap { plane, ky, kx in
            for oy in 0..<rows.output {
                let iy = oy * rows.stride + ky - rows.padBegin
                guard iy >= 0, iy < height else { continue }
                let line = row + oy * cols.output
                let target = image + (plane * height + iy) * width
                for ox in 0..<cols.output {
                    let ix = ox * cols.stride + kx - cols.padBegin
                    if ix >= 0 && ix < width { target[ix] += line[ox] }
                }
            }
            row += columnCount
        }
    }

    private func forEachTap(_ body: (_ channel: Int, _ ky: Int, _ kx: Int) -> Void) {
        for c in 0..<channels {
            for ky in 0..<kernelHeight {
                for kx in 0..<kernelWidth { body(c, ky, kx) }
            }
        }
    }
}
