import ArgumentParser
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch embed`: the descriptor of every face in each image, or of images that are aligned chips already.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print face descriptors (dlib's ResNet, 128-D, or an ONNX model's).",
        discussion: """
            Without --chip, faces are found with MTCNN and aligned to the embedder's template first (dlib: its \
            150×150 chip; an ONNX model: ArcFace's 112×112 five points, scaled to its input size). With --chip each \
            image must be an aligned chip of the embedder's size and is embedded as it is (to compare with another \
            implementation on identical input).
            """)

    @Argument(help: "Image files.")
    var images: [String]

    @OptionGroup var detection: DetectionOptions
    @OptionGroup var embedding: EmbedderOptions

    @Flag(help: "The images are aligned chips of the embedder's size: no detection, no alignment.")
    var chip = false

    @Flag(help: "One JSON object per image and line.")
    var json = false

    func run() throws {
        let options = try detection.mtcnnOptions()
        let embedder = try embedding.load(modelsDirectory: detection.modelsDirectory)
        let detector: MTCNNDetector?
        do {
            detector = chip ? nil : try MTCNNDetector(modelsDirectory: ModelsLocation.resolve(detection.modelsDirectory))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        BLAS.setThreadCount(1)
        var failures = 0
        for path in images {
            do {
                let image = try ImageFile.decode(path: path)
                var boxes: [Box?] = [nil]
                let descriptors: [[Float]]
                if let detector {
                    let faces = try detector.detect(image, options: options)
                    boxes = faces.map(\.box)
                    descriptors = try embedder.descriptors(of: faces, in: image)
                } else {
                    descriptors = try embedder.descriptors(ofChips: [image])
                }
                if json {
                    let faces = zip(boxes, descriptors).map { box, descriptor in
                        JSONText.object((box.map { b in [("box", JSONText.array([b.x, b.y, b.width, b.height].map { JSONText.number($0) }))] } ?? [])
                            + [("descriptor", JSONText.array(descriptor.map { JSONText.number(Double($0), decimals: 7) }))])
                    }
                    print(JSONText.object([("image", JSONText.string(path)), ("faces", JSONText.array(faces))]))
                } else {
                    print("\(path): \(descriptors.count) face\(descriptors.count == 1 ? "" : "s")")
                    for descriptor in descriptors {
                        print("  " + descriptor.map { String(format: "%.4f", $0) }.joined(separator: " "))
                    }
                }
            } catch {
                printError("\(error)")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
