/// A fully connected layer on `[N, in]` rows: Y = X·W + b, with W stored `[in, out]` as in the inference
/// `Linear`; backward dW += Xᵀ·dY, dX = dY·Wᵀ, both through `sgemm`.
public struct DenseLayer: TrainableLayer {
    /// `[inFeatures, outFeatures]`.
    public var weight: Parameter
    /// `[outFeatures]`; nil for a layer without bias (a bottleneck before batch normalisation).
    public var bias: Parameter?

    public var inFeatures: Int { weight.value.shape[0] }
    public var outFeatures: Int { weight.value.shape[1] }

    private var input: Tensor?

    /// He-initialised weights, zero biases.
    public init(inFeatures: Int, outFeatures: Int, hasBias: Bool = true, using generator: inout some RandomNumberGenerator) {
        let values = WeightInitialization.he(count: inFeatures * outFeatures, fanIn: inFeatures, using: &generator)
        weight = Parameter(Tensor(shape: [inFeatures, outFeatures], values: values), decays: true)
        bias = hasBias ? Parameter(Tensor(shape: [outFeatures]), decays: false) : nil
    }

    /// Given weights `[in, out]` and optional biases `[out]`.
    public init(weight: Tensor, bias: Tensor?) throws(EngineError) {
        guard weight.rank == 2, weight.shape.allSatisfy({ $0 > 0 }) else {
            throw EngineError("DenseLayer", "weights must be [in, out], got \(weight)")
        }
        if let bias, bias.shape != [weight.shape[1]] {
            throw EngineError("DenseLayer", "bias \(bias) does not match \(weight.shape[1]) outputs")
        }
        self.weight = Parameter(weight, decays: true)
        if let bias {
            self.bias = Parameter(bias, decays: false)
        } else {
            self.bias = nil
        }
    }

    /// The same layer for inference.
    public func inferenceLayer() throws(EngineError) -> Linear {
        var biasValues: [Float]? = nil
        if let bias { biasValues = bias.value.values }
        return try Linear(weights: weight.value.values, inFeatures: inFeatures, outFeatures: outFeatures, bias: biasValues)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank == 2, input.shape[1] == inFeatures else {
            throw EngineError("DenseLayer", "expects [N, \(inFeatures)] input, got \(input)")
        }
        self.input = mode == .training ? input : nil
        return try inferenceLayer().forward(input)
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard let input else { throw .backwardWithoutForward("DenseLayer") }
        let rows = input.shape[0], inFeatures = inFeatures, outFeatures = outFeatures
        guard outputGradient.shape == [rows, outFeatures] else {
            throw .gradientShape("DenseLayer", got: outputGradient, expected: [rows, outFeatures])
        }
        var weightGradient = [Float](repeating: 0, count: weight.value.count)
        let inputGradient = Tensor(shape: input.shape) { dx in
            input.values.withUnsafeBufferPointer { x in
                outputGradient.values.withUnsafeBufferPointer { dy in
                    weight.value.values.withUnsafeBufferPointer { w in
                        weightGradient.withUnsafeMutableBufferPointer { dw in
                            BLAS.gemm(transposeA: true, m: inFeatures, n: outFeatures, k: rows,
                                      a: x.baseAddress!, lda: inFeatures, b: dy.baseAddress!, ldb: outFeatures,
                                      c: dw.baseAddress!, ldc: outFeatures)
                        }
                        BLAS.gemm(transposeB: true, m: rows, n: inFeatures, k: outFeatures,
                                  a: dy.baseAddress!, lda: outFeatures, b: w.baseAddress!, ldb: outFeatures,
                                  c: dx.baseAddress!, ldc: inFeatures)
                    }
                }
            }
        }
        weight.accumulate(weightGradient)
        if bias != nil {
            var biasGradient = [Float](repeating: 0, count: outFeatures)
            for r in 0..<rows {
                for o in 0..<outFeatures { biasGradient[o] += outputGradient.values[r * outFeatures + o] }
            }
            bias!.accumulate(biasGradient)
        }
        return inputGradient
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {
        visit("weight", &weight)
        if bias != nil { visit("bias", &bias!) }
    }
}
