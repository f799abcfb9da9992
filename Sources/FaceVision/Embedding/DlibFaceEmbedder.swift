import Foundation
import NeuralEngine

/// dlib's face-recognition ResNet (`dlib_face_recognition_resnet_model_v1.dat`, PyPI `face-recognition-models`)
/// on facewatch's engine: an aligned 150×150 chip in, a 128-D descriptor out. Descriptors are used as they come
/// (not normalised); two faces belong to the same person when their Euclidean distance is under 0.6.
///
/// An embedder is an immutable value; it may be used from several threads at once.
public struct DlibFaceEmbedder: FaceEmbedder {
    /// The file name the setup installs into the models directory.
    public static let modelFile = "dlib_face_recognition_resnet_model_v1.dat"

    let model: DlibModel
    /// Cuts a face out of a photo the way the network expects (dlib's 150×150 chip, padding 0.25).
    public let aligner: FaceAligner

    /// The distance under which the model's authors call two faces the same person.
    public var samePersonThreshold: Float { model.loss.distanceThreshold }

    public var suggestedThreshold: Float? { samePersonThreshold }

    public let descriptorLength: Int

    /// The name galleries made by facewatch have always recorded for this model.
    public var modelName: String { "dlib_face_recognition_resnet_model_v1" }

    public init(path: String) throws(VisionError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw VisionError(path, "embedder model file missing (run scripts/setup, or pass --models DIR)")
        }
        do {
            model = try DlibImporter.load(path: path)
        } catch {
            throw VisionError(error.subject, error.reason)
        }
        guard model.input.rows == FaceTemplate.dlib150.height, model.input.columns == FaceTemplate.dlib150.width else {
            throw VisionError(path, "expects \(model.input.columns)×\(model.input.rows) chips; facewatch aligns to 150×150")
        }
        guard let length = model.descriptorLength else {
            throw VisionError(path, "the network has no fully connected layer, so it makes no descriptors")
        }
        descriptorLength = length
        aligner = FaceAligner(template: .dlib150)
    }

    public init(modelsDirectory: String) throws(VisionError) {
        try self.init(path: (modelsDirectory as NSString).appendingPathComponent(Self.modelFile))
    }

    /// Descriptors of chips that are already aligned (150×150).
    public func descriptors(ofChips chips: [RGBImage]) throws(VisionError) -> [[Float]] {
        guard !chips.isEmpty else { return [] }
        let side = model.input.rows
        for chip in chips where chip.width != side || chip.height != side {
            throw VisionError("chip", "is \(chip.width)×\(chip.height); the embedder takes \(side)×\(side)")
        }
        let plane = side * side
        let means = [model.input.meanRed, model.input.meanGreen, model.input.meanBlue]
        let input = Tensor(shape: [chips.count, 3, side, side]) { out in
            for (n, chip) in chips.enumerated() {
                chip.pixels.withUnsafeBufferPointer { src in
                    for c in 0..<3 {
                        let dst = out.baseAddress! + (n * 3 + c) * plane
                        let mean = means[c]
                        for i in 0..<plane { dst[i] = (Float(src[i * 3 + c]) - mean) / 256 }
                    }
                }
            }
        }
        let output: Tensor
        do {
            output = try model.graph.run(input)[0]
        } catch {
            throw VisionError(error.subject, error.reason)
        }
        let length = output.count / chips.count
        return (0..<chips.count).map { Array(output.values[($0 * length)..<(($0 + 1) * length)]) }
    }
}

/// Euclidean distance between two descriptors of equal length.
public func descriptorDistance(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "descriptors of different lengths")
    var sum: Float = 0
    for i in a.indices { sum += (a[i] - b[i]) * (a[i] - b[i]) }
    return sum.squareRoot()
}
