import FacewatchSupport
extension DlibNetwork {
    /// Reads a network file such as `dlib_face_recognition_resnet_model_v1.dat`; errors name the file.
    public init(contentsOfFile path: String) throws(DlibFormatError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw DlibFormatError(source: path, offset: nil, cause: .unreadable(error.description))
        }
        try self.init(bytes: bytes, source: path)
    }

    /// Decodes a serialised network (`serialize(net, out)` of a `loss_metric` network over
    /// `input_rgb_image_sized`). The whole of `bytes` must be that one network.
    ///
    /// dlib nests the layers: the loss record (version 1, its details, then the network below it), then each
    /// layer record opens with its version and holds the record of the layer below it before its own details —
    /// version 2: a layer over another layer, then its details, three bools and three (empty) tensors;
    /// version 3: the lowest layer, holding the input layer, its details, three bools, three tensors and
    /// an integer; version 1: a tag or skip layer, nothing but the layer below it.
    /// So the versions come first, outermost layer first, and then the details from the input outwards.
    public init(bytes: [UInt8], source: String = "dlib data") throws(DlibFormatError) {
        var reader = DlibByteReader(bytes, source: source)
        reader.layer = "loss layer"
        try reader.expectVersion(1, of: "add_loss_layer")
        let loss = try DlibMetricLoss(reading: &reader)

        var versionOffsets: [(version: Int64, offset: Int)] = []
        while versionOffsets.last?.version != 3 {
            reader.layer = "layer record \(versionOffsets.count) below the loss"
            let offset = reader.offset
            let version = try reader.readInteger("version")
            guard (1...3).contains(version) else {
                throw reader.error(.invalid("unknown layer record version \(version)"), reading: "version", at: offset)
            }
            versionOffsets.append((version, offset))
        }

        reader.layer = "input layer"
        let input = try DlibRGBInput(reading: &reader)
        var stored: [(layer: DlibStoredLayer, offset: Int)] = []
        stored.reserveCapacity(versionOffsets.count)
        for (index, record) in versionOffsets.reversed().enumerated() {
            switch record.version {
            case 1:
                stored.append((.unnamedMarker, record.offset))
            default:
                stored.append((try DlibStoredLayer(readingDetailsOf: index, from: &reader), record.offset))
                try Self.skipTrainingState(of: &reader)
                if record.version == 3 { _ = try reader.readInteger("sample expansion factor") }
            }
        }
        reader.layer = nil
        guard reader.isAtEnd else {
            throw reader.error(.invalid("\(reader.bytesLeft) bytes after the network"), reading: "end of data")
        }
        self.init(input: input, layers: try DlibTagAssignment.assign(stored, in: reader), loss: loss)
    }

    /// What training leaves after a layer's details: three flags and three tensors (empty in saved models).
    private static func skipTrainingState(of reader: inout DlibByteReader) throws(DlibFormatError) {
        _ = try reader.readBool("setup flag")
        _ = try reader.readBool("stale gradient flag")
        _ = try reader.readBool("disabled gradient flag")
        _ = try reader.readTensor("gradient tensor")
        _ = try reader.readTensor("cached output tensor")
        _ = try reader.readTensor("parameter gradient tensor")
    }
}
