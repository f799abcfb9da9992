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

    /// This convolution followed by `pool`, one group of eight images at a time so that the full-size
    /// intermediate stays in the cache; the pooling must be a max pooling.
    func forwardInterleaved(_ input: Tensor, negativeSlopes: [Float]?, thenPool pool: Pool2D) throws(EngineError) -> Tensor {
        let groups = input.shape[0], height = input.shape[2], width = input.shape[3]
        guard input.shape[1] == inChannels, case .max = pool.kind, negativeSlopes.map({ $0.count == outChannels }) ?? true,
              let (outHeight, outWidth) = interleavedOutputSize(height: height, width: width),
              let (rowRanges, colRanges) = pool.windows(height: outHeight, width: outWidth) else {
            return try pool.forward(try forwardInterleaved(input, negativeSlopes: negativeSlopes))
        }
        let lanes = BatchInterleaving.lanes
        let inputGroup = inChannels * height * width * lanes
        let pooledGroup = outChannels * rowRanges.count * colRanges.count * lanes
        var middle = [Float](repeating: 0, count: outChannels * outHeight * outWidth * lanes)
        return Tensor(shape: [groups, outChannels, rowRanges.count, colRanges.count, lanes]) { out in
            input.values.withUnsafeBufferPointer { src in
                middle.withUnsafeMutableBufferPointer { middle in
                    for g in 0..<groups {
                        forwardInterleaved(src.baseAddress! + g * inputGroup, groups: 1, height: height, width: width,
                                           slopes: negativeSlopes, into: middle.baseAddress!)
                        pool.maxPoolInterleaved(middle.baseAddress!, planes: outChannels, height: outHeight, width: outWidth,
                                                rowRanges: rowRanges, colRanges: colRanges, into: out.baseAddress! + g * pooledGroup)
                    }
                }
            }
        }
    }

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
