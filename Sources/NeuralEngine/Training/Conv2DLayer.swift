/// A trainable 2-D convolution over NCHW tensors (one group, no dilation), computed as im2col and `sgemm` in both
/// directions: per image, Y = W·col (+ b), dW += dY·colᵀ, dX = col2im(Wᵀ·dY).
///
/// The forward pass keeps the input rather than its columns (a kernel-area times larger), and the backward pass
/// lays the columns out again.
public struct Conv2DLayer: TrainableLayer {
    /// `[outChannels, inChannels, kernelHeight, kernelWidth]`.
    public var weight: Parameter
    /// `[outChannels]`; nil when a batch normalisation follows and makes a bias redundant.
    public var bias: Parameter?
    public let stride: (height: Int, width: Int)
    public let padding: Padding2D

    public var outChannels: Int { weight.value.shape[0] }
    public var inChannels: Int { weight.value.shape[1] }
    public var kernelHeight: Int { weight.value.shape[2] }
    public var kernelWidth: Int { weight.value.shape[3] }

    private var input: Tensor?

    /// He-initialised weights and zero biases.
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Padding2D = .none,
                hasBias: Bool = true, using generator: inout some RandomNumberGenerator) {
        let fanIn = inChannels * kernelSize * kernelSize
        let values = WeightInitialization.he(count: outChannels * fanIn, fanIn: fanIn, using: &generator)
        weight = Parameter(Tensor(shape: [outChannels, inChannels, kernelSize, kernelSize], values: values), decays: true)
        bias = hasBias ? Parameter(Tensor(shape: [outChannels]), decays: false) : nil
        self.stride = (stride, stride)
        self.padding = padding
    }

    /// Given weights `[out, in, kh, kw]` and optional biases `[out]`.
    public init(weight: Tensor, bias: Tensor?, stride: (height: Int, width: Int) = (1, 1),
                padding: Padding2D = .none) throws(EngineError) {
        guard weight.rank == 4, weight.shape.allSatisfy({ $0 > 0 }) else {
            throw EngineError("Conv2DLayer", "weights must be [out, in, kh, kw], got \(weight)")
        }
        guard stride.height > 0, stride.width > 0 else { throw EngineError("Conv2DLayer", "stride must be positive") }
        if let bias, bias.shape != [weight.shape[0]] {
            throw EngineError("Conv2DLayer", "bias \(bias) does not match \(weight.shape[0]) output channels")
        }
        self.weight = Parameter(weight, decays: true)
        if let bias {
            self.bias = Parameter(bias, decays: false)
        } else {
            self.bias = nil
        }
        self.stride = stride
        self.padding = padding
    }

    /// The same convolution as an inference layer.
    public func inferenceLayer() throws(EngineError) -> Conv2D {
        var biasValues: [Float]? = nil
        if let bias { biasValues = bias.value.values }
        return try Conv2D(weights: weight.value.values, bias: biasValues, outChannels: outChannels,
                          inChannels: inChannels, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                          strideHeight: stride.height, strideWidth: stride.width, padding: padding)
    }

    private func columns(height: Int, width: Int) -> ImageColumns {
        let v = padding.amounts(input: height, kernel: kernelHeight, stride: stride.height, dilation: 1, beginIsTop: true)
        let h = padding.amounts(input: width, kernel: kernelWidth, stride: stride.width, dilation: 1, beginIsTop: false)
        return ImageColumns(
            channels: inChannels, height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
            rows: WindowAxis(input: height, kernel: kernelHeight, stride: stride.height, padBegin: v.begin, padEnd: v.end),
            cols: WindowAxis(input: width, kernel: kernelWidth, stride: stride.width, padBegin: h.begin, padEnd: h.end))
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        guard input.rank == 4, input.shape[1] == inChannels else {
            throw EngineError("Conv2DLayer", "expects NCHW input with \(inChannels) channels, got \(input)")
        }
        let batch = input.shape[0]
        let layout = columns(height: input.shape[2], width: input.shape[3])
        guard layout.columnCount > 0 else {
            throw EngineError("Conv2DLayer", "a \(kernelHeight)×\(kernelWidth) kernel does not fit \(input)")
        }
        self.input = mode == .training ? input : nil
        let k = layout.rowCount, positions = layout.columnCount
        let imageSize = inChannels * input.shape[2] * input.shape[3]
        var scratch = [Float](repeating: 0, count: k * positions)
        var biasValues: [Float] = []
        if let bias { biasValues = bias.value.values }
        let shape = [batch, outChannels, layout.rows.output, layout.cols.output]
        let outChannels = outChannels
        return Tensor(shape: shape) { out in
            input.values.withUnsafeBufferPointer { x in
                weight.value.values.withUnsafeBufferPointer { w in
                    scratch.withUnsafeMutableBufferPointer { col in
                        for n in 0..<batch {
                            let result = out.baseAddress! + n * outChannels * positions
                            layout.fill(image: x.baseAddress! + n * imageSize, into: col.baseAddress!)
                            if !biasValues.isEmpty {
                                for o in 0..<outChannels {
                                    (result + o * positions).update(repeating: biasValues[o], count: positions)
                                }
                            }
                            BLAS.gemm(m: outChannels, n: positions, k: k, a: w.baseAddress!, lda: k,
                                      b: col.baseAddress!, ldb: positions, beta: biasValues.isEmpty ? 0 : 1,
                                      c: result, ldc: positions)
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        guard let input else { throw .backwardWithoutForward("Conv2DLayer") }
        let layout = columns(height: input.shape[2], width: input.shape[3])
        let batch = input.shape[0], k = layout.rowCount, positions = layout.columnCount
        let expected = [batch, outChannels, layout.rows.output, layout.cols.output]
        guard outputGradient.shape == expected else {
            throw .gradientShape("Conv2DLayer", got: outputGradient, expected: expected)
        }
        let imageSize = inChannels * input.shape[2] * input.shape[3]
        let outChannels = outChannels
        var scratch = [Float](repeating: 0, count: k * positions)
        var weightGradient = [Float](repeating: 0, count: weight.value.count)
        var biasGradient = [Float](repeating: 0, count: outChannels)
        var inputGradient = [Float](repeating: 0, count: input.count)
        input.values.withUnsafeBufferPointer { x in
            outputGradient.values.withUnsafeBufferPointer { dy in
                weight.value.values.withUnsafeBufferPointer { w in
                    scratch.withUnsafeMutableBufferPointer { col in
                        weightGradient.withUnsafeMutableBufferPointer { dw in
                            inputGradient.withUnsafeMutableBufferPointer { dx in
                                for n in 0..<batch {
                                    let gradient = dy.baseAddress! + n * outChannels * positions
                                    for o in 0..<outChannels {
                                        var sum: Float = 0
                                        for p in 0..<positions { sum += gradient[o * positions + p] }
                                        biasGradient[o] += sum
                                    }
                                    layout.fill(image: x.baseAddress! + n * imageSize, into: col.baseAddress!)
                                    BLAS.gemm(transposeB: true, m: outChannels, n: k, k: positions,
                                              a: gradient, lda: positions, b: col.baseAddress!, ldb: positions,
                                              beta: 1, c: dw.baseAddress!, ldc: k)
                                    BLAS.gemm(transposeA: true, m: k, n: positions, k: outChannels,
                                              a: w.baseAddress!, lda: k, b: gradient, ldb: positions,
                                              c: col.baseAddress!, ldc: positions)
                                    layout.scatterAdd(columns: col.baseAddress!, into: dx.baseAddress! + n * imageSize)
                                }
                            }
                        }
                    }
                }
            }
        }
        weight.accumulate(weightGradient)
        if bias != nil { bias!.accumulate(biasGradient) }
        return Tensor(shape: input.shape, values: inputGradient)
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {
        visit("weight", &weight)
        if bias != nil { visit("bias", &bias!) }
    }
}
