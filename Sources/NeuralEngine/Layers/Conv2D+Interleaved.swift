extension Conv2D {
    /// The convolution (with its PReLU) of a batch-interleaved tensor (`[G, C, H, W, 8]`, see
    /// `BatchInterleaving`), returned in the same layout: by Winograd or the direct kernel where they apply,
    /// else through the NCHW path.
    func forwardInterleaved(_ input: Tensor, negativeSlopes: [Float]?) throws(EngineError) -> Tensor {
        let groups = input.shape[0], height = input.shape[2], width = input.shape[3]
        guard input.shape[1] == inChannels else {
            throw EngineError("Conv2D", "expects interleaved input with \(inChannels) channels, got \(input)")
        }
        if let negativeSlopes, negativeSlopes.count != outChannels {
            throw EngineError("Conv2D", "\(negativeSlopes.count) activation slopes for \(outChannels) channels")
        }
        guard let (outHeight, outWidth) = interleavedOutputSize(height: height, width: width) else {
            return try BatchInterleaving.interleave(try forward(try BatchInterleaving.deinterleave(input), negativeSlopes: negativeSlopes))
        }
        return Tensor(shape: [groups, outChannels, outHeight, outWidth, BatchInterleaving.lanes]) { out in
            input.values.withUnsafeBufferPointer { src in
                forwardInterleaved(src.baseAddress!, groups: groups, height: height, width: width, slopes: negativeSlopes,
                                   into: out.baseAddress!)
            }
        }
    }

    /// This convolution followed by `pool` (a max pooling), one group of eight images at a time and, on the
    /// direct kernel, a buffer of rows at a time, so that the full-size intermediate stays in the cache.
    func forwardInterleaved(_ input: Tensor, negativeSlopes: [Float]?, thenPool pool: Pool2D) throws(EngineError) -> Tensor {
        let groups = input.shape[0], height = input.shape[2], width = input.shape[3]
        guard input.shape[1] == inChannels, case .max = pool.kind, negativeSlopes.map({ $0.count == outChannels }) ?? true,
              let (outHeight, outWidth) = interleavedOutputSize(height: height, width: width),
              let (rowRanges, colRanges) = pool.windows(height: outHeight, width: outWidth) else {
            return try pool.forward(try forwardInterleaved(input, negativeSlopes: negativeSlopes))
        }
        let lanes = BatchInterleaving.lanes
        let inputGroup = inChannels * height * width * lanes
        let pooledRow = colRanges.count * lanes, pooledPlane = rowRanges.count * pooledRow
        // The direct kernel makes rows as the pooling needs them, a buffer of them at a time; Winograd makes
        // the whole plane.
        let rowFloats = outChannels * outWidth * lanes
        let capacity = winograd == nil
            ? min(outHeight, max(rowRanges.map { $0.end - $0.start }.max() ?? 1, Self.pooledBandFloats / rowFloats))
            : outHeight
        var middle = [Float](repeating: 0, count: capacity * rowFloats)
        let middlePlane = capacity * outWidth * lanes
        return Tensor(shape: [groups, outChannels, rowRanges.count, colRanges.count, lanes]) { out in
            input.values.withUnsafeBufferPointer { src in
                middle.withUnsafeMutableBufferPointer { middle in
                    let buffer = middle.baseAddress!
                    for g in 0..<groups {
                        let image = src.baseAddress! + g * inputGroup, pooled = out.baseAddress! + g * outChannels * pooledPlane
                        guard let direct, winograd == nil else {
                            forwardInterleaved(image, groups: 1, height: height, width: width, slopes: negativeSlopes, into: buffer)
                            pool.maxPoolInterleaved(buffer, planes: outChannels, height: outHeight, width: outWidth,
                                                    rowRanges: rowRanges, colRanges: colRanges, into: pooled)
                            continue
                        }
                        // The buffer holds convolution rows [first, made) from its row 0.
                        var first = 0, made = 0, p = 0
                        while p < rowRanges.count {
                            var q = p + 1
                            while q < rowRanges.count && rowRanges[q].end - rowRanges[p].start <= capacity { q += 1 }
                            let start = rowRanges[p].start, end = rowRanges[q - 1].end
                            if made > start && start > first {
                                for c in 0..<outChannels {
                                    (buffer + c * middlePlane).update(from: buffer + c * middlePlane + (start - first) * outWidth * lanes,
                                                                      count: (made - start) * outWidth * lanes)
                                }
                            }
                            made = max(made, start)
                            first = start
                            if made < end {
                                direct.forward(image, batch: 1, height: height, width: width, slopes: negativeSlopes, rows: made..<end,
                                               planeStride: middlePlane, pixelLanes: lanes,
                                               into: buffer + (made - first) * outWidth * lanes)
                                made = end
                            }
                            let windows = rowRanges[p..<q].map { (start: $0.start - first, end: $0.end - first, full: $0.full) }
                            pool.maxPoolInterleaved(buffer, planes: outChannels, height: made - first, width: outWidth,
                                                    rowRanges: windows, colRanges: colRanges, inputPlaneStride: middlePlane,
                                                    outputPlaneStride: pooledPlane, into: pooled + p * pooledRow)
                            p = q
                        }
                    }
                }
            }
        }
    }

    /// Floats of convolution rows held between the direct kernel and the pooling (512 KiB, inside L2).
    private static let pooledBandFloats = 1 << 17

    /// The output plane size when a batch-interleaved input of this size can go to the Winograd or direct
    /// kernel (unpadded, stride 1, large enough); nil otherwise.
    private func interleavedOutputSize(height: Int, width: Int) -> (height: Int, width: Int)? {
        let (rows, cols) = axes(height: height, width: width)
        guard rows.padBegin == 0, rows.padEnd == 0, cols.padBegin == 0, cols.padEnd == 0,
              rows.output > 0, cols.output > 0 else { return nil }
        if winograd != nil { return (rows.output, cols.output) }
        guard direct != nil, DirectConvolution.fits(height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                                    pixelLanes: BatchInterleaving.lanes) else { return nil }
        return (rows.output, cols.output)
    }

    /// Runs the kernel that `interleavedOutputSize` admitted.
    private func forwardInterleaved(_ input: UnsafePointer<Float>, groups: Int, height: Int, width: Int, slopes: [Float]?,
                                    into out: UnsafeMutablePointer<Float>) {
        if let winograd {
            winograd.forwardInterleaved(input, groups: groups, height: height, width: width, slopes: slopes, into: out)
        } else if let direct {
            direct.forward(input, batch: groups, height: height, width: width, slopes: slopes,
                           pixelLanes: BatchInterleaving.lanes, into: out)
        }
    }
}
