/// A batch of small images laid out eight to a vector: `[G, C, H, W, 8]`, image `8g + l` of the batch in lane
/// `l` of group `g`, the last group filled up with zero images.
///
/// Every pixel of every channel is then one aligned 8-float vector holding eight images, so convolutions and
/// pooling of tiny planes (R-Net's 24×24 and O-Net's 48×48 crops, down to 3×3) run at full vector width with no
/// ragged row ends. `Conv2D` and max pooling accept such tensors and return them in the same layout;
/// `ComputeGraph.acceptingInterleavedBatches()` runs a network's leading convolutions this way.
public enum BatchInterleaving {
    /// Images per group: one per lane of the vectors the kernels use.
    public static let lanes = 8

    /// Groups needed for a batch of `count` images.
    public static func groups(forBatch count: Int) -> Int {
        (count + lanes - 1) / lanes
    }

    /// Whether a tensor is in the interleaved layout.
    public static func isInterleaved(_ tensor: Tensor) -> Bool {
        tensor.rank == 5 && tensor.shape[4] == lanes
    }

    /// `[N, C, H, W]` → `[⌈N/8⌉, C, H, W, 8]`.
    public static func interleave(_ tensor: Tensor) throws(EngineError) -> Tensor {
        guard tensor.rank == 4 else { throw EngineError("BatchInterleaving", "expects an NCHW tensor, got \(tensor)") }
        let batch = tensor.shape[0], image = tensor.shape[1...].reduce(1, *)
        let groups = Self.groups(forBatch: batch)
        return Tensor(shape: [groups] + tensor.shape[1...] + [lanes]) { out in
            out.initialize(repeating: 0)
            tensor.values.withUnsafeBufferPointer { src in
                for n in 0..<batch {
                    let target = out.baseAddress! + (n / lanes) * image * lanes + n % lanes
                    let source = src.baseAddress! + n * image
                    for i in 0..<image { target[i * lanes] = source[i] }
                }
            }
        }
    }

    /// `[G, C, H, W, 8]` → `[8G, C, H, W]`: every lane, including those that filled up the last group.
    public static func deinterleave(_ tensor: Tensor) throws(EngineError) -> Tensor {
        guard isInterleaved(tensor) else {
            throw EngineError("BatchInterleaving", "expects a [G, C, H, W, \(lanes)] tensor, got \(tensor)")
        }
        let groups = tensor.shape[0], image = tensor.shape[1..<4].reduce(1, *)
        return Tensor(shape: [groups * lanes] + tensor.shape[1..<4]) { out in
            tensor.values.withUnsafeBufferPointer { src in
                for g in 0..<groups {
                    let source = src.baseAddress! + g * image * lanes
                    for l in 0..<lanes {
                        let target = out.baseAddress! + (g * lanes + l) * image
                        for i in 0..<image { target[i] = source[i * lanes + l] }
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// Images, height and width of an NCHW tensor or of a batch-interleaved one (counting the lanes that fill
    /// up its last group); nil for other ranks.
    var imageBatchGeometry: (batch: Int, height: Int, width: Int)? {
        if rank == 4 { return (shape[0], shape[2], shape[3]) }
        if BatchInterleaving.isInterleaved(self) { return (shape[0] * BatchInterleaving.lanes, shape[2], shape[3]) }
        return nil
    }
}
