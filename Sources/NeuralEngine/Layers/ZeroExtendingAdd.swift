/// dlib's `add_prev`: the sum of two NCHW tensors of possibly different sizes. The result takes the larger
/// size on every axis, and an element missing from one operand counts as zero (both are aligned at index 0).
public enum ZeroExtendingAdd {
    public static func add(_ a: Tensor, _ b: Tensor) throws(EngineError) -> Tensor {
        guard a.rank == 4, b.rank == 4 else { throw EngineError("add_prev", "needs two NCHW tensors, got \(a) and \(b)") }
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { out in
                for i in 0..<out.count { out[i] = a.values[i] + b.values[i] }
            }
        }
        let shape = (0..<4).map { max(a.shape[$0], b.shape[$0]) }
        var result = Tensor(shape: shape, repeating: 0)
        result.values.withUnsafeMutableBufferPointer { out in
            for operand in [a, b] {
                let (n, c, h, w) = (operand.shape[0], operand.shape[1], operand.shape[2], operand.shape[3])
                operand.values.withUnsafeBufferPointer { src in
                    for i in 0..<n {
                        for j in 0..<c {
                            for y in 0..<h {
                                let from = ((i * c + j) * h + y) * w
                                let to = ((i * shape[1] + j) * shape[2] + y) * shape[3]
                                for x in 0..<w { out[to + x] += src[from + x] }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
