import ArgumentParser
import FaceIdentity
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch identify`: names every face in each photo from the gallery, or calls it unknown.
struct IdentifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Name the faces in photos from the gallery.",
        discussion: """
            Each face's descriptor is matched against every descriptor in the gallery; the nearest person is named \
            when the Euclidean distance is under the threshold, otherwise the face is "unknown". The gallery must \
            have been made with the same --embedder. Without --threshold, dlib's ResNet uses its authors' 0.6; an \
            ONNX model has no threshold of its own, so --threshold is then required: its descriptors are \
            L2-normalised (distance² = 2 − 2·cosine), and `facewatch validate --embedder MODEL` prints the best \
            threshold of each fold on LFW-style pairs.
            """)

    @Argument(help: "Photos.")
    var images: [String]

    @OptionGroup var gallery: GalleryOptions
    @OptionGroup var detection: DetectionOptions
    @OptionGroup var embedding: EmbedderOptions

    @Option(help: "Largest distance that still names a person (default for dlib's ResNet: 0.6; required for an ONNX model).")
    var threshold: Float?

    @Flag(help: "One JSON object per image and line.")
    var json = false

    func validate() throws {
        if threshold == nil, !embedding.isDlib {
            throw ValidationError(
                "--threshold is required with an ONNX embedder: its distances have no known scale (`facewatch validate --embedder MODEL` suggests one)")
        }
    }

    func run() throws {
        let pipeline = try FacePipeline(detection, embedding)
        let threshold: Float
        if let given = self.threshold {
            threshold = given
        } else if let suggested = pipeline.embedder.suggestedThreshold {
            threshold = suggested
        } else {
            throw ValidationError("--threshold is required: the embedder \(pipeline.embedder.modelName) suggests none")
        }
        BLAS.setThreadCount(1)
        let index: DescriptorIndex
        do {
            index = try Gallery(path: gallery.resolvedPath, embedder: pipeline.embedderIdentity).loadIndex()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var failures = 0
        for path in images {
            do {
                let image = try ImageFile.decode(path: path)
                let faces = try pipeline.faces(in: image)
                let matches = index.match(faces.map(\.descriptor), threshold: threshold)
                print(json ? Self.jsonLine(path, faces.map(\.face), matches) : Self.textLines(path, faces.map(\.face), matches))
            } catch {
                printError("\(error)")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    static func jsonLine(_ path: String, _ faces: [DetectedFace], _ matches: [Match]) -> String {
        var items = [String]()
        for (face, match) in zip(faces, matches) {
            let (name, distance) = Self.summary(of: match)
            items.append(JSONText.object([
                ("identity", JSONText.string(name)),
                ("distance", distance.map { JSONText.number(Double($0), decimals: 4) } ?? "null"),
                ("box", JSONText.array([face.box.x, face.box.y, face.box.width, face.box.height].map { JSONText.number($0) })),
                ("score", JSONText.number(face.score, decimals: 6)),
            ]))
        }
        return JSONText.object([("image", JSONText.string(path)), ("faces", JSONText.array(items))])
    }

    /// The name to print (or "unknown") and the distance to the nearest person, if the gallery has anyone.
    static func summary(of match: Match) -> (name: String, distance: Float?) {
        var name = "unknown"
        if let person = match.person { name = person }
        guard let nearest = match.nearest else { return (name, nil) }
        return (name, nearest.distance)
    }

    static func textLines(_ path: String, _ faces: [DetectedFace], _ matches: [Match]) -> String {
        var lines = ["\(path): \(faces.count) face\(faces.count == 1 ? "" : "s")"]
        for (face, match) in zip(faces, matches) {
            let b = face.box
            let (name, distance) = Self.summary(of: match)
            let distanceText = distance.map { String(format: "%.3f", $0) } ?? "-"
            lines.append("  \(name)  distance \(distanceText)  box \(Int(b.x)),\(Int(b.y)) \(Int(b.width))×\(Int(b.height))")
        }
        return lines.joined(separator: "\n")
    }
}
