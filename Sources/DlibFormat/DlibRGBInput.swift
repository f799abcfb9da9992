/// The input layer of a network over RGB images of a fixed size (dlib `input_rgb_image_sized`).
///
/// dlib feeds each pixel channel as (value − mean) / 256, in NCHW order with channels R, G, B;
/// the divisor is fixed in dlib's code, only the means are stored.
public struct DlibRGBInput: Sendable, Equatable {
    public var meanRed: Float
    public var meanGreen: Float
    public var meanBlue: Float
    public var rows: Int
    public var columns: Int

    public init(meanRed: Float, meanGreen: Float, meanBlue: Float, rows: Int, columns: Int) {
        self.meanRed = meanRed
        self.meanGreen = meanGreen
        self.meanBlue = meanBlue
        self.rows = rows
        self.columns = columns
    }
}

extension DlibRGBInput {
    static let storedName = "input_rgb_image_sized"

    /// Reads the name `input_rgb_image_sized`, the red, green and blue means, then the rows and columns.
    init(reading reader: inout DlibByteReader) throws(DlibFormatError) {
        try reader.expectString(Self.storedName, of: "input layer name")
        self.init(
            meanRed: Float(try reader.readFloat("red mean")),
            meanGreen: Float(try reader.readFloat("green mean")),
            meanBlue: Float(try reader.readFloat("blue mean")),
            rows: try reader.readInteger("rows", in: 1...Int(Int32.max)),
            columns: try reader.readInteger("columns", in: 1...Int(Int32.max)))
    }
}
