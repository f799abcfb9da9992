/// A layer as the file holds it, before tag and skip records get their meaning (see `DlibTagAssignment`).
enum DlibStoredLayer: Sendable, Equatable {
    case layer(DlibLayer)
    /// `add_prev_`: which tag it adds is not stored.
    case addPrevious
    /// A tag or skip layer: dlib stores only a version number for these.
    case unnamedMarker
}

extension DlibStoredLayer {
    /// Reads a layer's details: its name, then what that kind of layer stores.
    init(readingDetailsOf index: Int, from reader: inout DlibByteReader) throws(DlibFormatError) {
        reader.layer = "layer \(index)"
        let nameOffset = reader.offset
        let name = try reader.readString("layer name")
        reader.layer = "layer \(index) (\(name))"
        switch name {
        case DlibConvolution.storedName: self = .layer(.convolution(try DlibConvolution(reading: &reader)))
        case DlibAffine.storedName: self = .layer(.affine(try DlibAffine(reading: &reader)))
        case "relu_": self = .layer(.relu)
        case DlibPooling.storedMaxName: self = .layer(.maxPool(try DlibPooling(reading: &reader)))
        case DlibPooling.storedAverageName: self = .layer(.averagePool(try DlibPooling(reading: &reader)))
        case "add_prev_": self = .addPrevious
        case DlibFullyConnected.storedName: self = .layer(.fullyConnected(try DlibFullyConnected(reading: &reader)))
        default:
            throw reader.error(.invalid("unsupported layer type '\(name)'"), reading: "layer name", at: nameOffset)
        }
    }
}
