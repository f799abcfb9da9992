/// A stride-1, unpadded, ungrouped convolution computed straight from NCHW planes, with no column matrix.
///
/// Each input plane is read as one flat row: output `(y, x)` sits at flat position `y·W + x` of the input
/// plane, so a run of consecutive flat positions needs, for each kernel tap, one contiguous run of input.
/// The kernel computes 4 output channels × 24 flat positions in registers; positions whose `x` lies past
/// the output width are computed and dropped. Bias and activation are applied before the results leave
/// the registers.
struct DirectConvolution: Sendable {
    /// Output channels per register tile: 4, or 5 for layers whose channel count is a multiple of 5 but not
    /// of 4 (P-Net's 10-channel first layer would otherwise compute 12).
    static func channelBlock(outChannels: Int) -> Int {
        outChannels % 4 != 0 && outChannels % 5 == 0 ? 5 : 4
    }
    static let lanes = 8
    /// Flat positions per band: the band's results for one channel block stay in L1.
    private static let bandLength = 2048
    /// Output rows at least this wide are computed row by row straight into the output; narrower planes are
    /// computed as one flat run into a scratch buffer, then copied row by row.
    private static let rowWiseWidth = 48

    let outChannels: Int
    let inChannels: Int
    let kernelHeight: Int
    let kernelWidth: Int
    /// Output channels per register tile (`channelBlock(outChannels:)`).
    let channelBlock: Int
    /// Filters regrouped as `[outChannels / B (rounded up)][inChannels][kernelHeight][kernelWidth][B]` for B
    /// `channelBlock`, zero beyond the last output channel.
    let blockedWeights: [Float]
    let bias: [Float]?

    init(weights: [Float], bias: [Float]?, outChannels: Int, inChannels: Int, kernelHeight: Int, kernelWidth: Int) {
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.bias = bias
        let taps = inChannels * kernelHeight * kernelWidth
        let size = Self.channelBlock(outChannels: outChannels)
        let blocks = (outChannels + size - 1) / size
        var blocked = [Float](repeating: 0, count: blocks * taps * size)
        for o in 0..<outChannels {
            let block = o / size, lane = o % size
            for t in 0..<taps {
                blocked[(block * taps + t) * size + lane] = weights[o * taps + t]
            }
        }
        channelBlock = size
        blockedWeights = blocked
    }

    /// Whether an input plane is large enough for the vector kernel (one full tile of flat positions); smaller
    /// ones do better as one matrix product over the batch.
    static func fits(height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, pixelLanes: Int = 1) -> Bool {
        let outHeight = height - kernelHeight + 1, outWidth = width - kernelWidth + 1
        return outHeight > 0 && outWidth > 0 && ((outHeight - 1) * width + outWidth) * pixelLanes >= 3 * lanes
    }

    /// Convolves `batch` images of `inChannels × height × width` into `out` (NCHW), applying bias and, when
    /// given, a per-channel PReLU. With `rows`, only those output rows are computed, row `y` of channel `o`
    /// landing at `out + o·planeStride + (y − rows.lowerBound)·outputWidth`.
    ///
    /// With `pixelLanes` k, each pixel is k consecutive floats convolved independently (the eight images of a
    /// `BatchInterleaving` group): a row is then `k·width` floats and the taps lie k apart, which to the kernel
    /// is just a wider plane.
    func forward(_ input: UnsafePointer<Float>, batch: Int, height: Int, width pixels: Int, slopes: [Float]?,
                 rows: Range<Int>? = nil, planeStride: Int? = nil, pixelLanes: Int = 1, into out: UnsafeMutablePointer<Float>) {
        let width = pixels * pixelLanes
        let outWidth = (pixels - kernelWidth + 1) * pixelLanes
        let rows = rows ?? 0..<(height - kernelHeight + 1)
        let outHeight = rows.count
        let planeStride = planeStride ?? outHeight * outWidth
        precondition(rows.lowerBound > 0 || (outHeight - 1) * width + outWidth >= 3 * Self.lanes, "DirectConvolution: too few positions")
        let image0 = input + rows.lowerBound * width
        let taps = inChannels * kernelHeight * kernelWidth
        var offsets = [Int]()
        offsets.reserveCapacity(taps)
        for c in 0..<inChannels {
            for ky in 0..<kernelHeight {
                for kx in 0..<kernelWidth { offsets.append((c * height + ky) * width + kx * pixelLanes) }
            }
        }
        // A first band shorter than one tile would make the tail tile start before the image.
        let bandRows = min(outHeight, max(Self.bandLength / width, outWidth < 3 * Self.lanes ? 2 : 1))
        let scratchStride = Self.lanes + (bandRows - 1) * width + outWidth
        let size = channelBlock, blocks = (outChannels + size - 1) / size
        // Eight spare values so that each block's epilogue can be read as one 8-vector.
        var paddedBias = [Float](repeating: 0, count: blocks * size + 8)
        var paddedSlopes = [Float](repeating: 1, count: blocks * size + 8)
        for o in 0..<outChannels {
            paddedBias[o] = bias?[o] ?? 0
            paddedSlopes[o] = slopes?[o] ?? 1
        }
        var scratch = [Float](repeating: 0, count: size * scratchStride)
        offsets.withUnsafeBufferPointer { offsets in
        blockedWeights.withUnsafeBufferPointer { weights in
        paddedBias.withUnsafeBufferPointer { biases in
        paddedSlopes.withUnsafeBufferPointer { slopeValues in
        scratch.withUnsafeMutableBufferPointer { scratch in
            let tile = TileKernel(offsets: offsets.baseAddress!, taps: taps, activated: slopes != nil)
            let rowWise = outWidth >= Self.rowWiseWidth
            for n in 0..<batch {
                let image = image0 + n * inChannels * height * width
                let planes = out + n * outChannels * planeStride
                var firstRow = 0
                while firstRow < outHeight {
                    let endRow = min(outHeight, firstRow + bandRows)
                    for block in 0..<blocks {
                        let channel = block * size
                        let epilogue = TileKernel.Epilogue(bias: SIMD8<Float>(biases.baseAddress! + channel),
                                                           slope: SIMD8<Float>(slopeValues.baseAddress! + channel))
                        let filters = weights.baseAddress! + block * taps * size
                        if rowWise && channel + size <= outChannels {
                            for y in firstRow..<endRow {
                                tile.run(image + y * width, count: outWidth, channels: size, filters: filters, epilogue: epilogue,
                                         into: planes + channel * planeStride + y * outWidth, channelStride: planeStride)
                            }
                            continue
                        }
                        let start = firstRow * width, end = (endRow - 1) * width + outWidth
                        tile.run(image + start, count: end - start, channels: size, filters: filters, epilogue: epilogue,
                                 into: scratch.baseAddress! + Self.lanes, channelStride: scratchStride)
                        for o in channel..<min(outChannels, channel + size) {
                            let results = UnsafePointer(scratch.baseAddress! + Self.lanes + (o - channel) * scratchStride)
                            let plane = planes + o * planeStride
                            for y in firstRow..<endRow {
                                let source = results + (y - firstRow) * width, target = plane + y * outWidth
                                // Short rows (the refinement nets' crops) are copied inline: a call per row costs more.
                                if outWidth > 64 {
                                    target.update(from: source, count: outWidth)
                                } else {
                                    Self.copyShortRow(source, to: target, count: outWidth)
                                }
                            }
                        }
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

extension SIMD8<Float> {
    fileprivate init(_ pointer: UnsafePointer<Float>) {
        self = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }
}

extension DirectConvolution {
    /// Copies a few floats eight at a time (a copy loop would become a `memmove` call, which costs more than
    /// the copy at these lengths); the last eight may overlap the previous ones.
    @inline(__always)
    static func copyShortRow(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        typealias Vector = SIMD8<Float>
        guard count >= 8 else {
            for x in 0..<count { target[x] = source[x] }
            return
        }
        var x = 0
        while x + 8 <= count {
            UnsafeMutableRawPointer(target + x).storeBytes(of: UnsafeRawPointer(source + x).loadUnaligned(as: Vector.self), as: Vector.self)
            x += 8
        }
        if x < count {
            let last = count - 8
            UnsafeMutableRawPointer(target + last).storeBytes(of: UnsafeRawPointer(source + last).loadUnaligned(as: Vector.self), as: Vector.self)
        }
    }
}
