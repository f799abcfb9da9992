import DlibFormat

/// A dlib metric-learning network ready to run: the graph maps a normalised `[N, 3, rows, columns]` batch to
/// `[N, descriptor length]`; `input` says how dlib normalises pixels (per-channel mean, then ÷ 256).
public struct DlibModel: Sendable {
    public let graph: ComputeGraph
    public let input: DlibRGBInput
    public let loss: DlibMetricLoss
    /// Values per face in the output: the outputs of the last fully connected layer (nil when there is none).
    public let descriptorLength: Int?
}

/// Builds a `ComputeGraph` from a dlib network: layers run from the input outwards, tags remember a value, a
/// skip returns to a remembered value, `add_prev` adds a remembered value (zero-extending). Each convolution is
/// merged with the affine layer after it (and the ReLU after that), which changes results only by rounding.
public enum DlibImporter {
    public static func load(path: String) throws(EngineError) -> DlibModel {
        let network: DlibNetwork
        do {
            network = try DlibNetwork(contentsOfFile: path)
        } catch {
            let text = error.description, prefix = error.source + ": "
            throw EngineError(path, text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
        }
        return try build(network, source: path)
    }

    public static func build(_ network: DlibNetwork, source: String) throws(EngineError) -> DlibModel {
        var steps = [ComputeGraph.Step]()
        var slotCount = 1
        var current = 0
        var tags = [Int: Int]()
        let layers = network.layers
        func newSlot() -> Int { defer { slotCount += 1 }; return slotCount }
        func append(_ name: String, _ inputs: [Int], cost: (@Sendable ([Tensor]) -> Int)? = nil,
                    _ run: @escaping @Sendable ([Tensor]) throws(EngineError) -> [Tensor]) {
            let output = newSlot()
            steps.append(.init(node: "layer \(steps.count)", operation: name, inputs: inputs, outputs: [output], run: run, cost: cost))
            current = output
        }

        var index = 0
        while index < layers.count {
            switch layers[index] {
            case let .convolution(c):
                var weights = c.weights, biases = c.biases
                var negativeSlopes: [Float]? = nil
                if index + 1 < layers.count, case let .affine(affine) = layers[index + 1], affine.gamma.count == c.filters {
                    let perFilter = weights.count / c.filters
                    for o in 0..<c.filters {
                        for i in 0..<perFilter { weights[o * perFilter + i] *= affine.gamma[o] }
                        biases[o] = biases[o] * affine.gamma[o] + affine.beta[o]
                    }
                    index += 1
                    if index + 1 < layers.count, case .relu = layers[index + 1] {
                        negativeSlopes = [Float](repeating: 0, count: c.filters)
                        index += 1
                    }
                }
                let conv: Conv2D
                do {
                    conv = try Conv2D(weights: weights, bias: biases, outChannels: c.filters, inChannels: c.inputChannels,
                                      kernelHeight: c.kernelRows, kernelWidth: c.kernelColumns,
                                      strideHeight: c.strideY, strideWidth: c.strideX,
                                      padding: .explicit(top: c.paddingY, left: c.paddingX, bottom: c.paddingY, right: c.paddingX))
                } catch { throw EngineError(source, "layer \(index): \(error.reason)") }
                let slopes = negativeSlopes
                append(slopes == nil ? "con" : "con+affine+relu", [current], cost: { x in
                    x[0].shape[0] * conv.multiplyAdds(height: x[0].shape[2], width: x[0].shape[3])
                }) { x throws(EngineError) in [try conv.forward(x[0], negativeSlopes: slopes)] }
            case let .affine(a):
                let affine: ChannelAffine
                do { affine = try ChannelAffine(scale: a.gamma, shift: a.beta) }
                catch { throw EngineError(source, "layer \(index): \(error.reason)") }
                append("affine", [current]) { x throws(EngineError) in [try affine.forward(x[0])] }
            case .relu:
                append("relu", [current]) { x in [ReLU().forward(x[0])] }
            case let .maxPool(p), let .averagePool(p):
                let isMax: Bool = if case .maxPool = layers[index] { true } else { false }
                if p.coversWholeInput {
                    guard !isMax else { throw EngineError(source, "layer \(index): global max pooling is not supported") }
                    append("avg_pool (global)", [current]) { x throws(EngineError) in [try GlobalAveragePool().forward(x[0])] }
                } else {
                    let pool: Pool2D
                    do {
                        pool = try Pool2D(kind: isMax ? .max : .average(countPadding: false), kernelHeight: p.rows,
                                          kernelWidth: p.columns, strideHeight: p.strideY, strideWidth: p.strideX,
                                          padding: .explicit(top: p.paddingY, left: p.paddingX, bottom: p.paddingY, right: p.paddingX))
                    } catch { throw EngineError(source, "layer \(index): \(error.reason)") }
                    append(isMax ? "max_pool" : "avg_pool", [current]) { x throws(EngineError) in [try pool.forward(x[0])] }
                }
            case let .tag(t):
                tags[t] = current
            case let .skip(t):
                guard let slot = tags[t] else { throw EngineError(source, "layer \(index): skip to tag \(t), which was never set") }
                current = slot
            case let .addPrevious(t):
                guard let slot = tags[t] else { throw EngineError(source, "layer \(index): add_prev of tag \(t), which was never set") }
                append("add_prev", [current, slot]) { x throws(EngineError) in [try ZeroExtendingAdd.add(x[0], x[1])] }
            case let .fullyConnected(f):
                let linear: Linear
                do { linear = try Linear(weights: f.weights, inFeatures: f.inputs, outFeatures: f.outputs, bias: f.biases) }
                catch { throw EngineError(source, "layer \(index): \(error.reason)") }
                append("fc", [current], cost: { x in x[0].count * linear.outFeatures }) { x throws(EngineError) in
                    [try linear.forward(Layout.flatten(x[0], axis: 1))]
                }
            }
            index += 1
        }
        let graph = ComputeGraph(source: source, inputNames: ["image"], inputSlots: [0], outputNames: ["descriptor"],
                                 outputSlots: [current], constants: [], slotCount: slotCount, steps: steps)
        var descriptorLength: Int? = nil
        for layer in layers.reversed() {
            if case let .fullyConnected(f) = layer {
                descriptorLength = f.outputs
                break
            }
        }
        return DlibModel(graph: graph, input: network.input, loss: network.loss, descriptorLength: descriptorLength)
    }
}
