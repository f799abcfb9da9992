import FacewatchSupport
/// An ONNX model file: its graph plus the versions and producer it declares.
/// Fields this module does not model (doc strings, metadata, functions, training info) are
/// dropped when reading, so writing a read model back gives a smaller but equivalent file.
public struct ONNXModel: Sendable, Equatable {
    public var irVersion: Int64
    public var opsetImports: [ONNXOperatorSetID]
    public var producerName: String
    public var producerVersion: String
    public var graph: ONNXGraph

    public init(
        irVersion: Int64, opsetImports: [ONNXOperatorSetID], producerName: String = "",
        producerVersion: String = "", graph: ONNXGraph
    ) {
        self.irVersion = irVersion
        self.opsetImports = opsetImports
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.graph = graph
    }

    /// Reads a model file; errors name the file.
    public init(contentsOf path: String) throws(ONNXError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw ONNXError(source: path, reason: error.description)
        }
        do {
            self = try ONNXModel(decoding: bytes)
        } catch {
            throw ONNXError(source: path, reason: error.description)
        }
    }

    /// Decodes the bytes of a model file; errors name the source `ONNX data`.
    public init(serializedBytes: [UInt8]) throws(ONNXError) {
        do {
            self = try ONNXModel(decoding: serializedBytes)
        } catch {
            throw ONNXError(source: "ONNX data", reason: error.description)
        }
    }

    private init(decoding bytes: [UInt8]) throws(ProtobufDecodingError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ProtobufDecodingError) in
                var reader = ProtobufReader(buffer)
                return try ONNXModel(protobuf: &reader)
            }
        }
        self = try result.get()
    }

    /// The model as the bytes of an ONNX file.
    public func serializedBytes() -> [UInt8] {
        var writer = ProtobufWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Writes the model to a file, replacing it if it exists.
    public func write(to path: String) throws(ONNXError) {
        do {
            try WholeFile.write(serializedBytes(), to: path)
        } catch {
            throw ONNXError(source: path, reason: error.description)
        }
    }
}
