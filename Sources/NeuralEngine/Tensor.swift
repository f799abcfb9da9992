/// A dense float32 tensor: a shape and its values in row-major order (the last axis varies fastest).
///
/// Image tensors follow ONNX's NCHW convention unless a model says otherwise.
public struct Tensor: Sendable, Equatable {
    public private(set) var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        precondition(values.count == shape.reduce(1, *),
                     "Tensor: \(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
    }

    /// A tensor of the given shape with every element set to `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, values: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor whose values are written by `body` into uninitialised storage of the right size.
    @inlinable
    public init(shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows {
        let count = shape.reduce(1, *)
        let values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            try body(buffer)
            initialized = count
        }
        self.init(shape: shape, values: values)
    }

    public var count: Int { values.count }
    public var rank: Int { shape.count }

    /// The same values seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, values: values)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        "Tensor(\(shape.map(String.init).joined(separator: "×")))"
    }
}
