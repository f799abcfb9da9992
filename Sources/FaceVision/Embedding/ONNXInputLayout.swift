import ONNXFormat

/// What an ONNX embedder's declared input says about the chips it takes: `[N, 3, S, S]` float, where N may be
/// fixed (then faces are fed N at a time) and S comes from the model when it is fixed there.
struct ONNXInputLayout: Sendable, Equatable {
    let name: String
    let side: Int
    /// The batch size the model fixes, if it fixes one.
    let batchSize: Int?

    /// Reads the layout from the input's declaration; an undeclared shape is taken as `[N, 3, S, S]` with S
    /// the requested side. `requestedSide` is the caller's input size, `fallbackSide` the template's.
    init(
        _ input: ONNXValueInfo, requestedSide: Int?, fallbackSide: Int, path: String
    ) throws(ONNXEmbedderError) {
        name = input.name
        if let type = input.elementType, type != .float {
            throw .inputType(path: path, input: input.name, type: "\(type)")
        }
        guard let shape = input.shape else {
            side = requestedSide ?? fallbackSide
            batchSize = nil
            return
        }
        let shown = "[" + shape.map(\.description).joined(separator: ", ") + "]"
        func refuse(_ expected: String) -> ONNXEmbedderError {
            .inputShape(path: path, input: input.name, shape: shown, expected: expected)
        }
        guard shape.count == 4 else { throw refuse("an embedder takes [N, 3, S, S] (rank 4, channels first)") }
        if Self.fixed(shape[1]) != 3, Self.fixed(shape[3]) == 3 {
            throw refuse("that looks channels-last [N, H, W, 3]; an embedder takes channels first, [N, 3, S, S]")
        }
        if let channels = Self.fixed(shape[1]), channels != 3 {
            throw refuse("an embedder takes 3 channels (RGB) on axis 1: [N, 3, S, S]")
        }
        let height = Self.fixed(shape[2]), width = Self.fixed(shape[3])
        if let height, let width, height != width {
            throw refuse("an embedder takes square chips, S × S")
        }
        if let fixedSide = height ?? width {
            if let requestedSide, requestedSide != fixedSide {
                throw refuse("the model fixes S = \(fixedSide), but input size \(requestedSide) was asked for")
            }
            side = fixedSide
        } else {
            side = requestedSide ?? fallbackSide
        }
        batchSize = Self.fixed(shape[0])
    }

    /// A dimension's size when the model fixes it to a positive number.
    private static func fixed(_ dimension: ONNXDimension) -> Int? {
        if case .value(let size) = dimension, size > 0 { return Int(size) }
        return nil
    }
}
