/// Matrix products: ONNX `MatMul` (a batch of row vectors times a weight matrix) and `Gemm`
/// (`alpha·A'·B' + beta·C`).
public struct Linear: Sendable {
    /// `[inFeatures, outFeatures]`, row-major.
    public let weights: [Float]
    public let bias: [Float]?
    public let inFeatures: Int
    public let outFeatures: Int

    /// Weights stored as `[in, out]`, or as `[out, in]` when `weightsAreTransposed`.
    public init(weights: [Float], inFeatures: Int, outFeatures: Int, bias: [Float]? = nil,
                weightsAreTransposed: Bool = false) throws(EngineError) {
        guard weights.count == inFeatures * outFeatures else {
            throw EngineError("Linear", "has \(weights.count) weights for \(inFeatures)→\(outFeatures)")
        }
        if let bias, bias.count != outFeatures {
            throw EngineError("Linear", "has \(bias.count) biases for \(outFeatures) outputs")
        }
        if weightsAreTransposed {
            var w = [Float](repeating: 0, count: weights.count)
            for o in 0..<outFeatures {
                for i in 0..<inFeatures { w[i * outFeatures + o] = weights[o * inFeatures + i] }
            }
            self.weights = w
        } else {
            self.weights = weights
        }
        self.bias = bias
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
    }

    /// `[..., in]` → `[..., out]`.
    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        guard let last = input.shape.last, last == inFeatures else {
            throw EngineError("Linear", "expects \(inFeatures) features on the last axis, got \(input)")
        }
        let rows = input.count / inFeatures
        var shape = input.shape
        shape[shape.count - 1] = outFeatures
        return Tensor(shape: shape) { out in
            if let bias {
                for r in 0..<rows { for o in 0..<outFeatures { out[r * outFeatures + o] = bias[o] } }
            }
            input.values.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                    BLAS.gemm(m: rows, n: outFeatures, k: inFeatures, a: x.baseAddress!, lda: inFeatures,
                              b: w.baseAddress!, ldb: outFeatures, beta: bias == nil ? 0 : 1,
                              c: out.baseAddress!, ldc: outFeatures)
                }
            }
        }
    }
}

/// The product of two runtime tensors (neither is a stored weight): `[..., m, k] × [..., k, n]` with the
/// batch axes equal, or a rank-2 right-hand side shared by every batch.
public enum MatrixProduct {
    public static func multiply(_ a: Tensor, _ b: Tensor) throws(EngineError) -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else { throw EngineError("MatMul", "needs two matrices, got \(a) and \(b)") }
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
        let n = b.shape[b.rank - 1]
        guard b.shape[b.rank - 2] == k else { throw EngineError("MatMul", "inner sizes differ: \(a) × \(b)") }
        let batchA = a.shape.dropLast(2).reduce(1, *)
        let batchB = b.shape.dropLast(2).reduce(1, *)
        guard batchB == 1 || Array(a.shape.dropLast(2)) == Array(b.shape.dropLast(2)) else {
            throw EngineError("MatMul", "batch axes differ: \(a) × \(b)")
        }
        var shape = Array(a.shape.dropLast(2))
        shape += [m, n]
        return Tensor(shape: shape) { out in
            a.values.withUnsafeBufferPointer { pa in
                b.values.withUnsafeBufferPointer { pb in
                    for i in 0..<batchA {
                        BLAS.gemm(m: m, n: n, k: k, a: pa.baseAddress! + i * m * k, lda: k,
                                  b: pb.baseAddress! + (batchB == 1 ? 0 : i * k * n), ldb: n,
                                  c: out.baseAddress! + i * m * n, ldc: n)
                    }
                }
            }
        }
    }
}
