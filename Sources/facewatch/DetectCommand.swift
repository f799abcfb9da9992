import ArgumentParser
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch detect`: every face in each image, with its box, score and five landmarks.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Find the faces in images.",
        discussion: """
            Prints each face's box (x, y, width, height), score and five landmarks (left eye, right eye, nose, \
            left and right mouth corner; left meaning the image's left). An image that cannot be read gets an \
            error line on standard error; the others are still processed, and the exit code is then 1.
            """)

    @Argument(help: "Image files (JPEG, PNG, BMP, WebP, … anything FFmpeg decodes).")
    var images: [String]

    @OptionGroup var detection: DetectionOptions

    @Flag(help: "One JSON object per image and line.")
    var json = false

    @Option(help: "Draw boxes and landmarks and write the picture here (PNG or JPEG by extension); with several images, a directory that gets one PNG per image.")
    var annotate: String?

    func run() throws {
        let options = try detection.mtcnnOptions()
        let detector: MTCNNDetector
        do {
            detector = try detection.loadDetector()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        BLAS.setThreadCount(1)
        if let annotate, images.count > 1 {
            try? FileManager.default.createDirectory(atPath: annotate, withIntermediateDirectories: true)
        }
        var failures = 0
        for path in images {
            do {
                let image = try ImageFile.decode(path: path)
                let faces = try detector.detect(image, options: options)
                print(json ? Self.jsonLine(path: path, width: image.width, height: image.height, faces: faces) : Self.textLines(path: path, image: image, faces: faces))
                if let annotate {
                    let target = images.count > 1
                        ? (annotate as NSString).appendingPathComponent(((path as NSString).lastPathComponent as NSString).deletingPathExtension + ".png")
                        : annotate
                    try ImageFile.encode(Annotation.draw(faces, on: image), to: target)
                }
            } catch {
                printError("\(error)")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    static func jsonLine(path: String, width: Int, height: Int, faces: [DetectedFace]) -> String {
        let items = faces.map { face in
            JSONText.object([
                ("box", JSONText.array([face.box.x, face.box.y, face.box.width, face.box.height].map { JSONText.number($0) })),
                ("score", JSONText.number(face.score, decimals: 6)),
                ("landmarks", JSONText.array(face.landmarks.map { JSONText.array([JSONText.number($0.x), JSONText.number($0.y)]) })),
            ])
        }
        return JSONText.object([
            ("image", JSONText.string(path)), ("width", String(width)), ("height", String(height)),
            ("faces", JSONText.array(items)),
        ])
    }

    static func textLines(path: String, image: RGBImage, faces: [DetectedFace]) -> String {
        var lines = ["\(path): \(image.width)×\(image.height), \(faces.count) face\(faces.count == 1 ? "" : "s")"]
        for face in faces {
            let b = face.box
            let points = face.landmarks.map { "(\(JSONText.number($0.x, decimals: 1)), \(JSONText.number($0.y, decimals: 1)))" }
            lines.append("  box \(JSONText.number(b.x, decimals: 1)),\(JSONText.number(b.y, decimals: 1)) \(JSONText.number(b.width, decimals: 1))×\(JSONText.number(b.height, decimals: 1))  score \(JSONText.number(face.score, decimals: 4))  landmarks \(points.joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }
}
