/// An affine layer (dlib `affine_`, batch normalisation folded for inference): y = γ·x + β,
/// with one γ and β per channel or, in the per-element mode, one per element of a sample.
public struct DlibAffine: Sendable, Equatable {
    /// Which elements share a γ and β.
    public enum Mode: Int, Sendable, Equatable {
        /// dlib `CONV_MODE`: one γ and β per channel.
        case perChannel = 0
        /// dlib `FC_MODE`: one γ and β per element (channel, row, column) of a sample.
        case perElement = 1
    }

    public var mode: Mode
    /// The shape of γ (and β): 1×C×1×1 per channel, 1×C×R×C per element.
    public var shape: DlibTensorShape
    public var gamma: [Float]
    public var beta: [Float]

    public init(mode: Mode, shape: DlibTensorShape, gamma: [Float], beta: [Float]) {
        self.mode = mode
        self.shape = shape
        self.gamma = gamma
        self.beta = beta
    }
}

extension DlibAffine {
    static let storedName = "affine_"

    /// Reads the details that follow the name `affine_`: the parameter tensor (γ then β), the alias shapes
    /// of γ and β, then the mode as an integer.
    init(reading reader: inout DlibByteReader) throws(DlibFormatError) {
        let parameters = try reader.readTensor("params tensor")
        let gammaShape = try reader.readAliasTensor("gamma alias")
        let betaOffset = reader.offset
        let betaShape = try reader.readAliasTensor("beta alias")
        guard betaShape == gammaShape, gammaShape.samples == 1, parameters.values.count == 2 * gammaShape.count else {
            throw reader.error(
                .invalid("params tensor of \(parameters.values.count) values does not hold gamma \(gammaShape) and beta \(betaShape)"),
                reading: "beta alias", at: betaOffset)
        }
        let modeOffset = reader.offset
        let rawMode = try reader.readInteger("mode")
        guard let mode = Int(exactly: rawMode).flatMap(Mode.init(rawValue:)) else {
            throw reader.error(.invalid("unknown affine mode \(rawMode)"), reading: "mode", at: modeOffset)
        }
        guard mode == .perElement || (gammaShape.rows == 1 && gammaShape.columns == 1) else {
            throw reader.error(.invalid("per-channel affine with gamma \(gammaShape)"), reading: "mode", at: modeOffset)
        }
        self.init(mode: mode, shape: gammaShape, gamma: Array(parameters.values[..<gammaShape.count]),
                  beta: Array(parameters.values[gammaShape.count...]))
    }
}
