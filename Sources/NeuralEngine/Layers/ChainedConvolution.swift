extension Conv2D {
    /// Rows of this convolution's output computed per band before `next` consumes them.
    private static let chainBandRows = 8
    /// Output rows per band when the last two steps run as column strips: three rows of 3×3 tiles.
    private static let stripBandRows = 9
    /// Narrowest column strip worth the gathering (a plane about 100 columns wide).
    private static let minimumStripWidth = 12

    /// This convolution (with its PReLU) followed by a 1×1 convolution `next` of its output, computed a band
    /// of rows at a time so that the intermediate tensor stays in the cache. Falls back to the two
    /// convolutions one after the other where the direct kernels do not apply.
    func forward(_ input: Tensor, negativeSlopes: [Float]?, then next: Conv2D) throws(EngineError) -> Tensor {
        let height = input.rank == 4 ? input.shape[2] : 0, width = input.rank == 4 ? input.shape[3] : 0
        let (rows, cols) = axes(height: height, width: width)
        let outHeight = rows.output, outWidth = cols.output
        guard let first = direct, let second = next.direct, input.shape[1] == inChannels, next.inChannels == outChannels,
              next.kernelHeight == 1, next.kernelWidth == 1, next.padding == .none,
              rows.padBegin == 0, rows.padEnd == 0, cols.padBegin == 0, cols.padEnd == 0,
              outWidth >= 3 * DirectConvolution.lanes, negativeSlopes.map({ $0.count == outChannels }) ?? true else {
            return try next.forward(try forward(input, negativeSlopes: negativeSlopes))
        }
        let batch = input.shape[0], outPlane = outHeight * outWidth
        let band = min(outHeight, Self.chainBandRows)
        // Bands start at even rows, so Winograd's 2×2 tiles of a band are the whole plane's.
        let bandWinograd = winograd
        var middle = [Float](repeating: 0, count: outChannels * band * outWidth)
        var last = [Float](repeating: 0, count: next.outChannels * band * outWidth)
        return Tensor(shape: [batch, next.outChannels, outHeight, outWidth]) { out in
            input.values.withUnsafeBufferPointer { src in
                middle.withUnsafeMutableBufferPointer { middle in
                    last.withUnsafeMutableBufferPointer { last in
                        for n in 0..<batch {
                            let image = src.baseAddress! + n * inChannels * height * width
                            var firstRow = 0
                            while firstRow < outHeight {
                                let endRow = min(outHeight, firstRow + band)
                                let span = (endRow - firstRow) * outWidth
                                if let winograd = bandWinograd {
                                    winograd.forward(image + firstRow * width, batch: 1, height: endRow - firstRow + 2, width: width,
                                                     slopes: negativeSlopes, inputPlaneStride: height * width,
                                                     outputPlaneStride: span, into: middle.baseAddress!)
                                } else {
                                    first.forward(image, batch: 1, height: height, width: width, slopes: negativeSlopes,
                                                  rows: firstRow..<endRow, planeStride: span, into: middle.baseAddress!)
                                }
                                second.forward(middle.baseAddress!, batch: 1, height: endRow - firstRow, width: outWidth,
                                               slopes: nil, into: last.baseAddress!)
                                for o in 0..<next.outChannels {
                                    (out.baseAddress! + (n * next.outChannels + o) * outPlane + firstRow * outWidth)
                                        .update(from: last.baseAddress! + o * span, count: span)
                                }
                                firstRow = endRow
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Conv2D {
    /// This convolution (with its PReLU) followed by a 2×2, stride-2 max pooling of its output, computed a band
    /// of rows at a time so that the full-size intermediate never goes to memory. Bands hold whole pooling
    /// windows, so each band pools exactly as the whole plane would. Falls back to the two steps in turn
    /// where that does not apply.
    func forward(_ input: Tensor, negativeSlopes: [Float]?, thenPool pool: Pool2D) throws(EngineError) -> Tensor {
        if BatchInterleaving.isInterleaved(input) { return try forwardInterleaved(input, negativeSlopes: negativeSlopes, thenPool: pool) }
        let height = input.rank == 4 ? input.shape[2] : 0, width = input.rank == 4 ? input.shape[3] : 0
        let (rows, cols) = axes(height: height, width: width)
        let outHeight = rows.output, outWidth = cols.output
        guard let first = direct, case .max = pool.kind, input.shape[1] == inChannels,
              pool.kernelHeight == 2, pool.strideHeight == 2, pool.kernelWidth == 2, pool.strideWidth == 2,
              rows.padBegin == 0, rows.padEnd == 0, cols.padBegin == 0, cols.padEnd == 0,
              outWidth >= 3 * DirectConvolution.lanes, outHeight >= Self.chainBandRows,
              negativeSlopes.map({ $0.count == outChannels }) ?? true,
              let (pooledRows, pooledColumns) = pool.windows(height: outHeight, width: outWidth),
              pooledRows.enumerated().allSatisfy({ $0.element.start == 2 * $0.offset }) else {
            return try pool.forward(try forward(input, negativeSlopes: negativeSlopes))
        }
        let batch = input.shape[0], band = Self.chainBandRows
        let pooledHeight = pooledRows.count, pooledWidth = pooledColumns.count
        var middle = [Float](repeating: 0, count: outChannels * band * outWidth)
        var pooled = [Float](repeating: 0, count: outChannels * band * pooledWidth)
        return Tensor(shape: [batch, outChannels, pooledHeight, pooledWidth]) { out in
            input.values.withUnsafeBufferPointer { src in
                middle.withUnsafeMutableBufferPointer { middle in
                    pooled.withUnsafeMutableBufferPointer { pooled in
                        for n in 0..<batch {
                            let image = src.baseAddress! + n * inChannels * height * width
                            var firstRow = 0
                            while firstRow < outHeight {
                                let endRow = min(outHeight, firstRow + band)
                                let bandHeight = endRow - firstRow
                                first.forward(image, batch: 1, height: height, width: width, slopes: negativeSlopes,
                                              rows: firstRow..<endRow, planeStride: bandHeight * outWidth, into: middle.baseAddress!)
                                let bandRows = Array(pooledRows[(firstRow / 2)..<min(pooledHeight, (endRow + 1) / 2)])
                                    .map { (start: $0.start - firstRow, end: $0.end - firstRow, full: $0.full) }
                                pool.maxPool(middle.baseAddress!, planes: outChannels, height: bandHeight, width: outWidth,
                                             rowRanges: bandRows, colRanges: pooledColumns, into: pooled.baseAddress!)
                                let span = bandRows.count * pooledWidth
                                for o in 0..<outChannels {
                                    (out.baseAddress! + (n * outChannels + o) * pooledHeight * pooledWidth + firstRow / 2 * pooledWidth)
                                        .update(from: pooled.baseAddress! + o * span, count: span)
                                }
                                firstRow = endRow
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Conv2D {
    /// This convolution (with its PReLU), then `second` (with its PReLU), then the 1×1 convolution `heads`,
    /// a band of `second`'s output rows at a time: this convolution's rows are made as the bands need them and
    /// kept in a buffer of a band plus the two rows the next band shares, so that neither intermediate tensor
    /// goes to memory (P-Net's last three steps). `second` runs by Winograd, band by band; on planes wide
    /// enough, `second` and `heads` run on the band cut into eight column strips (`ColumnStrips`), by Winograd's
    /// 3×3 tiles. Falls back to this convolution alone followed by the two-step chain where that does not apply.
    func forward(_ input: Tensor, negativeSlopes: [Float]?, thenConvolution second: Conv2D, negativeSlopes secondSlopes: [Float]?,
                 then heads: Conv2D) throws(EngineError) -> Tensor {
        let height = input.rank == 4 ? input.shape[2] : 0, width = input.rank == 4 ? input.shape[3] : 0
        let (rows, cols) = axes(height: height, width: width)
        let middleHeight = rows.output, middleWidth = cols.output
        let outHeight = middleHeight - 2, outWidth = middleWidth - 2
        guard let first = direct, let winograd = second.winograd, let last = heads.direct,
              input.shape[1] == inChannels, second.inChannels == outChannels, heads.inChannels == second.outChannels,
              second.kernelHeight == 3, second.kernelWidth == 3, second.padding == .none,
              heads.kernelHeight == 1, heads.kernelWidth == 1, heads.padding == .none,
              rows.padBegin == 0, rows.padEnd == 0, cols.padBegin == 0, cols.padEnd == 0,
              outHeight >= 1, outWidth >= 3 * DirectConvolution.lanes,
              DirectConvolution.fits(height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth),
              negativeSlopes.map({ $0.count == outChannels }) ?? true,
              secondSlopes.map({ $0.count == second.outChannels }) ?? true else {
            return try second.forward(try forward(input, negativeSlopes: negativeSlopes), negativeSlopes: secondSlopes, then: heads)
        }
        let batch = input.shape[0], outPlane = outHeight * outWidth
        // Wide planes go through `second` and `heads` as eight column strips, by Winograd's 3×3 tiles.
        let strips = ColumnStrips(outputWidth: outWidth, overlap: 2, tile: 3, minimumStripWidth: Self.minimumStripWidth)
        let band = min(outHeight, strips == nil ? Self.chainBandRows : Self.stripBandRows)
        // Rows of this convolution's output held: a band and the two rows below it.
        let held = band + 2, heldPlane = held * middleWidth
        let lanes = ColumnStrips.lanes
        let stripIn = strips.map { $0.inputWidth * lanes } ?? 0, stripOut = strips.map { $0.stripWidth * lanes } ?? 0
        var middle = [Float](repeating: 0, count: outChannels * heldPlane)
        var third = [Float](repeating: 0, count: second.outChannels * band * max(outWidth, stripOut))
        var result = [Float](repeating: 0, count: heads.outChannels * band * max(outWidth, stripOut))
        var gathered = [Float](repeating: 0, count: outChannels * held * stripIn)
        return Tensor(shape: [batch, heads.outChannels, outHeight, outWidth]) { out in
            input.values.withUnsafeBufferPointer { src in
            middle.withUnsafeMutableBufferPointer { middle in
            third.withUnsafeMutableBufferPointer { third in
            result.withUnsafeMutableBufferPointer { result in
            gathered.withUnsafeMutableBufferPointer { gathered in
                let m = middle.baseAddress!
                for n in 0..<batch {
                    let image = src.baseAddress! + n * inChannels * height * width
                    // Rows [heldFirst, made) of this convolution's output sit in `middle` from its row 0 on.
                    var made = 0, heldFirst = 0
                    var firstRow = 0
                    while firstRow < outHeight {
                        let endRow = min(outHeight, firstRow + band)
                        // The band needs rows [firstRow, endRow + 2): those already made move to the top, the rest
                        // are computed below them.
                        if made > firstRow && firstRow > heldFirst {
                            for c in 0..<outChannels {
                                (m + c * heldPlane).update(from: m + c * heldPlane + (firstRow - heldFirst) * middleWidth,
                                                           count: (made - firstRow) * middleWidth)
                            }
                        }
                        heldFirst = firstRow
                        let keep = made - firstRow
                        first.forward(image, batch: 1, height: height, width: width, slopes: negativeSlopes,
                                      rows: made..<(endRow + 2), planeStride: heldPlane, into: m + keep * middleWidth)
                        made = endRow + 2
                        let rows = endRow - firstRow
                        if let strips {
                            for c in 0..<outChannels {
                                strips.gather(m + c * heldPlane, rows: rows + 2, width: middleWidth, rowStride: middleWidth,
                                              into: gathered.baseAddress! + c * (rows + 2) * stripIn)
                            }
                            winograd.forwardInterleaved(gathered.baseAddress!, groups: 1, height: rows + 2, width: strips.inputWidth,
                                                        slopes: secondSlopes, into: third.baseAddress!)
                            last.forward(third.baseAddress!, batch: 1, height: rows, width: strips.stripWidth, slopes: nil,
                                         pixelLanes: lanes, into: result.baseAddress!)
                            for o in 0..<heads.outChannels {
                                strips.scatter(result.baseAddress! + o * rows * stripOut, rows: rows, width: outWidth,
                                               into: out.baseAddress! + (n * heads.outChannels + o) * outPlane + firstRow * outWidth,
                                               rowStride: outWidth)
                            }
                            firstRow = endRow
                            continue
                        }
                        let span = rows * outWidth
                        winograd.forward(m, batch: 1, height: endRow - firstRow + 2, width: middleWidth, slopes: secondSlopes,
                                         inputPlaneStride: heldPlane, outputPlaneStride: span, into: third.baseAddress!)
                        last.forward(third.baseAddress!, batch: 1, height: endRow - firstRow, width: outWidth, slopes: nil,
                                     into: result.baseAddress!)
                        for o in 0..<heads.outChannels {
                            (out.baseAddress! + (n * heads.outChannels + o) * outPlane + firstRow * outWidth)
                                .update(from: result.baseAddress! + o * span, count: span)
                        }
                        firstRow = endRow
                    }
                }
            }
            }
            }
            }
            }
        }
    }
}
