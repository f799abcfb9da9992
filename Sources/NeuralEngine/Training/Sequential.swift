/// Layers applied one after another; the backward pass runs them in reverse. Parameters are named by the layer's
/// position: `0.weight`, `3.scale`, and for nested containers `2.body.0.weight`.
public struct Sequential: TrainableLayer {
    public var layers: [any TrainableLayer]

    public init(_ layers: [any TrainableLayer]) { self.layers = layers }

    public mutating func forward(_ input: Tensor, mode: ForwardMode) throws(EngineError) -> Tensor {
        var x = input
        for index in layers.indices { x = try layers[index].forward(x, mode: mode) }
        return x
    }

    public mutating func backward(_ outputGradient: Tensor) throws(EngineError) -> Tensor {
        var gradient = outputGradient
        for index in layers.indices.reversed() { gradient = try layers[index].backward(gradient) }
        return gradient
    }

    public mutating func visitParameters(_ visit: (_ name: String, _ parameter: inout Parameter) -> Void) {
        for index in layers.indices {
            layers[index].visitParameters { name, parameter in visit("\(index).\(name)", &parameter) }
        }
    }
}
