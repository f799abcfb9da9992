/// A fully connected layer (dlib `fc_`): every output is a weighted sum of all `inputs` values of a sample
/// (its channels, rows and columns flattened in NCHW order), plus a bias when the layer has one.
public struct DlibFullyConnected: Sendable, Equatable {
    public var inputs: Int
    public var outputs: Int
    /// As dlib stores them, laid out [inputs, outputs] row-major: the weight from input i to output o
    /// is `weights[i * outputs + o]`.
    public var weights: [Float]
    /// One per output; nil for dlib's `fc_no_bias`.
    public var biases: [Float]?

    public init(inputs: Int, outputs: Int, weights: [Float], biases: [Float]?) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.biases = biases
    }

    /// The weights laid out [outputs, inputs] row-major (one row per output, as in a matrix–vector product).
    public var weightsByOutput: [Float] {
        var transposed = [Float](repeating: 0, count: weights.count)
        for input in 0..<inputs {
            for output in 0..<outputs {
                transposed[output * inputs + input] = weights[input * outputs + output]
            }
        }
        return transposed
    }
}

extension DlibFullyConnected {
    static let storedName = "fc_2"

    /// Reads the details that follow the name `fc_2`: output count, input count, the parameter tensor
    /// ([inputs, outputs] weights, then a row of biases when there are any), the alias shapes of the weights
    /// and the biases, the bias mode (0: with biases, 1: without), then four multipliers.
    init(reading reader: inout DlibByteReader) throws(DlibFormatError) {
        let outputs = try reader.readInteger("output count", in: 1...Int(Int32.max))
        let inputs = try reader.readInteger("input count", in: 1...Int(Int32.max))
        let parameters = try reader.readTensor("params tensor")
        let weightsOffset = reader.offset
        let weightShape = try reader.readAliasTensor("weights alias")
        guard weightShape == DlibTensorShape(samples: inputs, channels: outputs, rows: 1, columns: 1) else {
            throw reader.error(.invalid("weights alias \(weightShape) does not fit \(inputs) inputs and \(outputs) outputs"),
                               reading: "weights alias", at: weightsOffset)
        }
        _ = try reader.readAliasTensor("biases alias")
        let modeOffset = reader.offset
        let biasMode = try reader.readInteger("bias mode")
        guard biasMode == 0 || biasMode == 1 else {
            throw reader.error(.invalid("unknown bias mode \(biasMode)"), reading: "bias mode", at: modeOffset)
        }
        let hasBiases = biasMode == 0
        let expected = weightShape.count + (hasBiases ? outputs : 0)
        guard parameters.values.count == expected else {
            throw reader.error(
                .invalid("params tensor holds \(parameters.values.count) values, \(inputs)×\(outputs) weights\(hasBiases ? " and biases" : "") need \(expected)"),
                reading: "bias mode", at: modeOffset)
        }
        for multiplier in ["learning rate multiplier", "weight decay multiplier",
                           "bias learning rate multiplier", "bias weight decay multiplier"] {
            _ = try reader.readFloat(multiplier)
        }
        self.init(inputs: inputs, outputs: outputs, weights: Array(parameters.values[..<weightShape.count]),
                  biases: hasBiases ? Array(parameters.values[weightShape.count...]) : nil)
    }
}
