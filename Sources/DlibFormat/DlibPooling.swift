/// A max or average pooling window (dlib `max_pool_`, `avg_pool_`): `rows`×`columns` moved by the strides
/// over the input padded by `paddingY` rows and `paddingX` columns on each side.
/// A size of 0 means the whole input in that dimension (dlib's `avg_pool_everything`, `max_pool_everything`).
public struct DlibPooling: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var strideY: Int
    public var strideX: Int
    public var paddingY: Int
    public var paddingX: Int

    public init(rows: Int, columns: Int, strideY: Int, strideX: Int, paddingY: Int, paddingX: Int) {
        self.rows = rows
        self.columns = columns
        self.strideY = strideY
        self.strideX = strideX
        self.paddingY = paddingY
        self.paddingX = paddingX
    }

    /// Whether the window covers the whole input, leaving one value per channel.
    public var coversWholeInput: Bool { rows == 0 && columns == 0 }
}

extension DlibPooling {
    static let storedMaxName = "max_pool_2"
    static let storedAverageName = "avg_pool_2"

    /// Reads the details that follow `max_pool_2` or `avg_pool_2`: window rows and columns, strides y and x,
    /// paddings y and x.
    init(reading reader: inout DlibByteReader) throws(DlibFormatError) {
        let size = 0...Int(Int32.max)
        self.init(
            rows: try reader.readInteger("window rows", in: size),
            columns: try reader.readInteger("window columns", in: size),
            strideY: try reader.readInteger("stride y", in: 1...Int(Int32.max)),
            strideX: try reader.readInteger("stride x", in: 1...Int(Int32.max)),
            paddingY: try reader.readInteger("padding y", in: size),
            paddingX: try reader.readInteger("padding x", in: size))
    }
}
