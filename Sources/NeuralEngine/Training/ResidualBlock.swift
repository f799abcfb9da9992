/// `body(x) + shortcut(x)`, the building block of residual networks; an empty shortcut is the identity. The
/// input's gradient is the sum of what flows back through both branches. Follow the block with a `ReLULayer` for
/// the usual post-activation form.
public struct ResidualBlock: TrainableLayer {
    public var body: Sequential
    /// A projection (say a strided 1×1 convolution) when the body changes the shape; empty otherwise.
    public var shortcut: Sequential

    public init(body: Sequential, shortcut: Sequential = Sequential([])) {
        self.body = body
        self.shortcut = shortcut
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        let main = try body.forward(input, mode: mode)
        let skip = try shortcut.forward(input, mode: mode)
        guard main.shape == skip.shape else {
            throw EngineError("ResidualBlock", "body gives \(main) but the shortcut gives \(skip)")
        }
        var sum = main.values
        for i in sum.indices { sum[i] += skip.values[i] }
        return Tensor(shape: main.shape, values: sum)
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        let throughBody = try body.backward(outputGradient)
        let throughShortcut = try shortcut.backward(outputGradient)
        guard throughBody.shape == throughShortcut.shape else {
            throw EngineError("ResidualBlock", "branch gradients differ in shape: \(throughBody) and \(throughShortcut)")
        }
        var sum = throughBody.values
        for i in sum.indices { sum[i] += throughShortcut.values[i] }
        return Tensor(shape: throughBody.shape, values: sum)
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {
        body.visitParameters { name, parameter in visit("body.\(name)", &parameter) }
        shortcut.visitParameters { name, parameter in visit("shortcut.\(name)", &parameter) }
    }
}
