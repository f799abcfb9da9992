import ArgumentParser
import FaceIdentity
import FaceVision
import Foundation

/// The embedder flags shared by `enroll`, `identify`, `embed`, `validate` and `bench embed`: dlib's ResNet or
/// an ONNX model of the user's own, with that model's preprocessing.
struct EmbedderOptions: ParsableArguments {
    @Option(name: .customLong("embedder"), help: ArgumentHelp(
        "dlib (the ResNet in the models directory, 128-D, 150×150 dlib chips), or the path of an ArcFace-style ONNX model: [N,3,S,S] RGB float in, [N,D] out; its descriptors are L2-normalised.",
        valueName: "dlib|PATH.onnx"))
    var choice: String = "dlib"

    @Option(name: .customLong("embedder-template"), help: ArgumentHelp(
        "ONNX only: where the landmarks go: arcface (insightface's 112×112 five points, the default) or dlib (facewatch's 150×150 dlib chip); scaled to the model's input size S.",
        valueName: "arcface|dlib"))
    var template: String?

    @Option(name: .customLong("embedder-size"), help: ArgumentHelp(
        "ONNX only: the chip side S when the model leaves it open (default: the template's); a model that fixes S must agree.",
        valueName: "S"))
    var inputSize: Int?

    @Option(name: .customLong("embedder-mean"), help: ArgumentHelp(
        "ONNX only: pixel mean subtracted per channel, one value or R,G,B (default 127.5).", valueName: "M"))
    var mean: String?

    @Option(name: .customLong("embedder-scale"), help: ArgumentHelp(
        "ONNX only: factor applied after subtracting the mean, one value or R,G,B (default 1/127.5, giving −1…1).",
        valueName: "F"))
    var scale: String?

    @Flag(name: .customLong("mirror-average"), help: ArgumentHelp(
        "Average each face's descriptor with that of its mirror image (more accurate, twice the embedding time). The descriptors differ, so a gallery belongs to embedding with or without it."))
    var mirrorAverage = false

    var isDlib: Bool { choice == "dlib" }

    func validate() throws {
        if isDlib, template != nil || inputSize != nil || mean != nil || scale != nil {
            throw ValidationError("--embedder-template, --embedder-size, --embedder-mean and --embedder-scale apply to an ONNX embedder only")
        }
        _ = try onnxOptions()
    }

    func onnxOptions() throws -> ONNXEmbedderOptions {
        let faceTemplate: FaceTemplate
        switch template ?? "arcface" {
        case "arcface": faceTemplate = .arcFace112
        case "dlib": faceTemplate = .dlib150
        case let other: throw ValidationError("--embedder-template must be arcface or dlib, not '\(other)'")
        }
        if let inputSize, !(8...4096).contains(inputSize) {
            throw ValidationError("--embedder-size must lie in 8…4096, not \(inputSize)")
        }
        var normalization = PixelNormalization.arcFace
        if mean != nil || scale != nil {
            var means = normalization.mean, scales = normalization.scale
            if let mean { means = try Self.channelValues(mean, option: "--embedder-mean") }
            if let scale { scales = try Self.channelValues(scale, option: "--embedder-scale") }
            guard scales.allSatisfy({ $0 != 0 }) else { throw ValidationError("--embedder-scale must not be zero") }
            normalization = PixelNormalization(mean: means, scale: scales)
        }
        return ONNXEmbedderOptions(template: faceTemplate, inputSize: inputSize, normalization: normalization)
    }

    /// Loads the chosen embedder, or prints the one-line reason and exits with code 2.
    func load(modelsDirectory: String?) throws -> any FaceEmbedder {
        do {
            let embedder: any FaceEmbedder = isDlib
                ? try DlibFaceEmbedder(modelsDirectory: ModelsLocation.resolve(modelsDirectory))
                : try ONNXFaceEmbedder(path: choice, options: try onnxOptions())
            return mirrorAverage ? MirrorAveragedEmbedder(embedder) : embedder
        } catch let error as ValidationError {
            throw error
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    /// One value for all three channels, or three comma-separated values (R, G, B).
    static func channelValues(_ text: String, option: String) throws -> [Float] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Float($0.trimmingCharacters(in: .whitespaces)) }.filter(\.isFinite)
        guard numbers.count == parts.count, numbers.count == 1 || numbers.count == 3 else {
            throw ValidationError("\(option) needs one number or three comma-separated numbers (R,G,B), got '\(text)'")
        }
        return numbers.count == 1 ? [numbers[0], numbers[0], numbers[0]] : numbers
    }
}

extension EmbedderIdentity {
    /// The identity a gallery records for descriptors of this embedder, compared by Euclidean distance.
    init(_ embedder: any FaceEmbedder) {
        self.init(name: embedder.modelName, dimension: embedder.descriptorLength, metric: .euclidean)
    }
}
