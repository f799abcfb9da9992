import FacewatchSupport
import Foundation
import NeuralEngine
import ONNXFormat

/// A face embedder from the user's own ONNX model, ArcFace style: an aligned RGB chip `[N, 3, S, S]` (float,
/// normalised as `options.normalization` says) in, `[N, D]` out. Descriptors are L2-normalised, so their
/// Euclidean distance d relates to the cosine similarity as d² = 2 − 2·cos.
///
/// The model name is `onnx:<file name>:<FNV-1a 64 of the file's bytes>` (plus any non-default preprocessing),
/// so a gallery made with one model refuses descriptors of another.
///
/// An embedder is an immutable value; it may be used from several threads at once.
public struct ONNXFaceEmbedder: FaceEmbedder {
    /// The model file, as given.
    public let path: String
    public let options: ONNXEmbedderOptions
    public let aligner: FaceAligner
    public let descriptorLength: Int
    public let modelName: String
    /// A model of the user's own comes with no threshold; pick one with `facewatch validate`.
    public var suggestedThreshold: Float? { nil }
    public var descriptorsAreUnitLength: Bool { true }

    let graph: ComputeGraph
    let input: ONNXInputLayout
    let outputName: String

    /// Faces per run of the network when the model leaves the batch size open (bounds the working memory).
    static let largestBatch = 32

    /// Loads and checks the model, then runs it once on a blank chip to learn the descriptor length.
    public init(path: String, options: ONNXEmbedderOptions = ONNXEmbedderOptions()) throws(ONNXEmbedderError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileMissing(path: path) }
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        let model: ONNXModel
        do {
            model = try ONNXModel(serializedBytes: bytes)
        } catch {
            throw .malformed(path: path, reason: error.reason)
        }
        let graph: ComputeGraph
        do {
            graph = try ONNXImporter.importModel(model, source: path)
        } catch {
            throw .unsupported(path: path, reason: error.reason)
        }
        guard graph.inputNames.count == 1 else { throw .inputCount(path: path, names: graph.inputNames) }
        guard let outputName = graph.outputNames.first else { throw .noOutput(path: path) }
        let inputName = graph.inputNames[0]
        let declared = model.graph.inputs.first { $0.name == inputName } ?? ONNXValueInfo(name: inputName)
        let input = try ONNXInputLayout(
            declared, requestedSide: options.inputSize, fallbackSide: options.template.width, path: path)
        self.graph = graph
        self.input = input
        self.path = path
        self.options = options
        self.outputName = outputName
        aligner = FaceAligner(template: options.template.scaled(toSide: input.side))

        let trial: [Float]
        do {
            trial = try Self.run(graph, on: [Float](repeating: 0, count: 3 * input.side * input.side), count: 1,
                                 side: input.side, batchSize: input.batchSize)
        } catch {
            switch error {
            case .engine(let reason): throw .trialRun(path: path, reason: reason)
            case .shape(let shape): throw .outputShape(path: path, output: outputName, shape: OutputFailure.show(shape))
            }
        }
        descriptorLength = trial.count
        var settings = options.nonDefaultSettings
        if input.side != options.template.width { settings.append("size=\(input.side)") }
        let fileName = (path as NSString).lastPathComponent
        modelName = (["onnx", fileName, FNV1a64.hash(bytes).hexDigits] + settings).joined(separator: ":")
    }

    public func descriptors(ofChips chips: [RGBImage]) throws(VisionError) -> [[Float]] {
        guard !chips.isEmpty else { return [] }
        try checkChipSizes(chips)
        let perRun = input.batchSize ?? Self.largestBatch
        var result = [[Float]]()
        result.reserveCapacity(chips.count)
        for start in stride(from: 0, to: chips.count, by: perRun) {
            let group = chips[start..<min(start + perRun, chips.count)]
            let values = options.normalization.planes(of: group, side: input.side)
            let output: [Float]
            do {
                output = try Self.run(graph, on: values, count: group.count, side: input.side, batchSize: input.batchSize)
            } catch {
                switch error {
                case .engine(let reason): throw VisionError(path, reason)
                case .shape(let shape):
                    throw VisionError(path, ONNXEmbedderError.outputShape(path: path, output: outputName, shape: OutputFailure.show(shape)).cause)
                }
            }
            guard output.count == group.count * descriptorLength else {
                throw VisionError(path, "gave \(output.count / max(1, group.count)) values per face, \(descriptorLength) at load time")
            }
            for face in 0..<group.count {
                result.append(L2Normalization.normalized(output[(face * descriptorLength)..<((face + 1) * descriptorLength)]))
            }
        }
        return result
    }

    /// Runs the network on `count` chips' planes and returns the first output's values, `count` rows of D.
    /// A model with a fixed batch size B gets its B slots filled (the spare ones with zeros) and run per B.
    private static func run(
        _ graph: ComputeGraph, on planes: [Float], count: Int, side: Int, batchSize: Int?
    ) throws(OutputFailure) -> [Float] {
        let batch = batchSize ?? count
        let perChip = 3 * side * side
        var outputs = [Float]()
        for first in stride(from: 0, to: count, by: batch) {
            let present = min(batch, count - first)
            var values = Array(planes[(first * perChip)..<((first + present) * perChip)])
            values.append(contentsOf: repeatElement(0, count: (batch - present) * perChip))
            let output: Tensor
            do {
                output = try graph.run(Tensor(shape: [batch, 3, side, side], values: values))[0]
            } catch {
                throw .engine(error.reason)
            }
            guard output.rank == 2, output.shape[0] == batch, output.shape[1] > 0 else {
                throw .shape(output.shape)
            }
            outputs.append(contentsOf: output.values[..<(present * output.shape[1])])
        }
        return outputs
    }

    /// Why a run gave no descriptors.
    private enum OutputFailure: Error {
        case engine(String)
        case shape([Int])

        static func show(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
    }
}
