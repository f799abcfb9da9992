import Foundation

/// `max(x, 0)`, element-wise.
public struct ReLU: Sendable {
    public init() {}

    public func forward(_ input: Tensor) -> Tensor {
        var values = input.values
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count where v[i] < 0 { v[i] = 0 }
        }
        return Tensor(shape: input.shape, values: values)
    }
}

/// Leaky ReLU with learned slopes: `x` where positive, `slope·x` elsewhere; the slopes broadcast against the
/// input (one per channel, as `[C, 1, 1]` for images or `[C]` for feature vectors).
public struct PReLU: Sendable {
    public let slope: Tensor

    public init(slope: Tensor) { self.slope = slope }

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        guard let axis = Broadcast.singleVaryingAxis(of: slope.shape, within: input.shape), slope.rank <= input.rank else {
            return try Broadcast.apply(input, slope, name: "PRelu") { x, a in x >= 0 ? x : x * a }
        }
        let length = input.shape[axis]
        let inner = input.shape[(axis + 1)...].reduce(1, *)
        let outer = input.shape[..<axis].reduce(1, *)
        var values = input.values
        values.withUnsafeMutableBufferPointer { v in
            slope.values.withUnsafeBufferPointer { a in
                var base = v.baseAddress!
                for _ in 0..<outer {
                    for c in 0..<length {
                        let k = a[c]
                        for i in 0..<inner { base[i] = base[i] >= 0 ? base[i] : base[i] * k }
                        base += inner
                    }
                }
            }
        }
        return Tensor(shape: input.shape, values: values)
    }
}

/// The logistic function, element-wise.
public struct Sigmoid: Sendable {
    public init() {}

    public func forward(_ input: Tensor) -> Tensor {
        Tensor(shape: input.shape, values: input.values.map { 1 / (1 + exp(-$0)) })
    }
}

/// Softmax over one axis, or (ONNX before opset 13) over all axes from `axis` on, flattened.
public struct Softmax: Sendable {
    public let axis: Int
    public let coercesTrailingAxes: Bool

    public init(axis: Int, coercesTrailingAxes: Bool = false) {
        self.axis = axis
        self.coercesTrailingAxes = coercesTrailingAxes
    }

    public func forward(_ input: Tensor) throws(EngineError) -> Tensor {
        let a = axis < 0 ? axis + input.rank : axis
        guard a >= 0, a < max(1, input.rank) else {
            throw EngineError("Softmax", "axis \(axis) is outside \(input)")
        }
        let outer = input.shape[..<a].reduce(1, *)
        let length = coercesTrailingAxes ? input.shape[a...].reduce(1, *) : input.shape[a]
        let inner = coercesTrailingAxes ? 1 : input.shape[(a + 1)...].reduce(1, *)
        var values = input.values
        if inner == 1 && length == 2 {
            values.withUnsafeMutableBufferPointer { Self.pairs($0.baseAddress!, count: outer) }
            return Tensor(shape: input.shape, values: values)
        }
        // Each row's peak subtracted, then one vector pass of exponentials over everything, then each row
        // divided by its sum.
        values.withUnsafeMutableBufferPointer { v in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * length * inner + i
                    var peak = -Float.infinity
                    for j in 0..<length { peak = max(peak, v[base + j * inner]) }
                    for j in 0..<length { v[base + j * inner] -= peak }
                }
            }
            VectorExponential.exponentiate(v.baseAddress!, count: v.count)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * length * inner + i
                    var sum: Float = 0
                    for j in 0..<length { sum += v[base + j * inner] }
                    let scale = 1 / sum
                    for j in 0..<length { v[base + j * inner] *= scale }
                }
            }
        }
        return Tensor(shape: input.shape, values: values)
    }

    /// Softmax of `count` consecutive pairs (two-class scores, as detectors give), eight pairs at a time.
    private static func pairs(_ v: UnsafeMutablePointer<Float>, count: Int) {
        typealias Vector = SIMD8<Float>
        var n = 0
        while n + 8 <= count {
            let both = UnsafeRawPointer(v + 2 * n).loadUnaligned(as: SIMD16<Float>.self)
            let a = both.evenHalf, b = both.oddHalf
            let peak = a.replacing(with: b, where: b .> a)
            let ea = VectorExponential.exp(a - peak), eb = VectorExponential.exp(b - peak)
            let scale = 1 / (ea + eb)
            let pa = ea * scale, pb = eb * scale
            let out = v + 2 * n
            for k in 0..<8 {
                out[2 * k] = pa[k]
                out[2 * k + 1] = pb[k]
            }
            n += 8
        }
        while n < count {
            let a = v[2 * n], b = v[2 * n + 1], peak = max(a, b)
            let ea = Foundation.exp(a - peak), eb = Foundation.exp(b - peak)
            v[2 * n] = ea / (ea + eb)
            v[2 * n + 1] = eb / (ea + eb)
            n += 1
        }
    }
}
