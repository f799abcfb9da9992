/// A convolution layer (dlib `con_`): `filters` kernels of `kernelRows`×`kernelColumns` over `inputChannels`,
/// moved by the strides over the input zero-padded by `paddingY` rows and `paddingX` columns on each side,
/// plus one bias per filter.
public struct DlibConvolution: Sendable, Equatable {
    public var filters: Int
    public var inputChannels: Int
    public var kernelRows: Int
    public var kernelColumns: Int
    public var strideY: Int
    public var strideX: Int
    public var paddingY: Int
    public var paddingX: Int
    /// Laid out [filters, inputChannels, kernelRows, kernelColumns], row-major.
    public var weights: [Float]
    public var biases: [Float]

    public init(
        filters: Int, inputChannels: Int, kernelRows: Int, kernelColumns: Int, strideY: Int, strideX: Int,
        paddingY: Int, paddingX: Int, weights: [Float], biases: [Float]
    ) {
        self.filters = filters
        self.inputChannels = inputChannels
        self.kernelRows = kernelRows
        self.kernelColumns = kernelColumns
        self.strideY = strideY
        self.strideX = strideX
        self.paddingY = paddingY
        self.paddingX = paddingX
        self.weights = weights
        self.biases = biases
    }
}

extension DlibConvolution {
    static let storedName = "con_4"

    /// Reads the details that follow the name `con_4`: the parameter tensor (all filters, then the biases),
    /// filter count, kernel rows and columns, strides y and x, paddings y and x, the filters' and biases' alias
    /// shapes, then four learning-rate/weight-decay multipliers.
    init(reading reader: inout DlibByteReader) throws(DlibFormatError) {
        let parameters = try reader.readTensor("params tensor")
        let filters = try reader.readInteger("filter count", in: 1...Int(Int32.max))
        let kernelRows = try reader.readInteger("kernel rows", in: 1...Int(Int32.max))
        let kernelColumns = try reader.readInteger("kernel columns", in: 1...Int(Int32.max))
        let strideY = try reader.readInteger("stride y", in: 1...Int(Int32.max))
        let strideX = try reader.readInteger("stride x", in: 1...Int(Int32.max))
        let paddingY = try reader.readInteger("padding y", in: 0...Int(Int32.max))
        let paddingX = try reader.readInteger("padding x", in: 0...Int(Int32.max))
        let filtersOffset = reader.offset
        let filterShape = try reader.readAliasTensor("filters alias")
        guard filterShape.samples == filters, filterShape.channels >= 1, filterShape.rows == kernelRows,
              filterShape.columns == kernelColumns
        else {
            throw reader.error(
                .invalid("filters alias \(filterShape) does not fit \(filters) filters of \(kernelRows)×\(kernelColumns)"),
                reading: "filters alias", at: filtersOffset)
        }
        let biasesOffset = reader.offset
        let biasShape = try reader.readAliasTensor("biases alias")
        guard biasShape == DlibTensorShape(samples: 1, channels: filters, rows: 1, columns: 1) else {
            throw reader.error(.invalid("biases alias \(biasShape) does not fit \(filters) filters"),
                               reading: "biases alias", at: biasesOffset)
        }
        guard parameters.values.count == filterShape.count + filters else {
            throw reader.error(
                .invalid("params tensor holds \(parameters.values.count) values, filters \(filterShape) and \(filters) biases need \(filterShape.count + filters)"),
                reading: "biases alias", at: biasesOffset)
        }
        for multiplier in ["learning rate multiplier", "weight decay multiplier",
                           "bias learning rate multiplier", "bias weight decay multiplier"] {
            _ = try reader.readFloat(multiplier)
        }
        self.init(
            filters: filters, inputChannels: filterShape.channels, kernelRows: kernelRows,
            kernelColumns: kernelColumns, strideY: strideY, strideX: strideX, paddingY: paddingY, paddingX: paddingX,
            weights: Array(parameters.values[..<filterShape.count]),
            biases: Array(parameters.values[filterShape.count...]))
    }
}
