import ArgumentParser
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch embed`: the descriptor of every face in each image, or of images that are aligned chips already.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print face descriptors (dlib ResNet, 128-D).",
        discussion: """
            Without --chip, faces are found with MTCNN and aligned to dlib's 150×150 chip first. With --chip each \
            image must be a 150×150 aligned chip and is embedded as it is (to compare with dlib on identical input).
            """)

    @Argument(help: "Image files.")
    var images: [String]

    @OptionGroup var detection: DetectionOptions

    @Flag(help: "The images are aligned 150×150 chips: no detection, no alignment.")
    var chip = false

    @Flag(help: "One JSON object per image and line.")
    var json = false

    func run() throws {
        let options = try detection.mtcnnOptions()
        let models = ModelsLocation.resolve(detection.modelsDirectory)
        let embedder: DlibFaceEmbedder
        let detector: MTCNNDetector?
        do {
            embedder = try DlibFaceEmbedder(modelsDirectory: models)
            detector = chip ? nil : try MTCNNDetector(modelsDirectory: models)
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
