import ArgumentParser
import FaceIdentity
import FaceVision
import Foundation

/// The gallery flag shared by `enroll`, `identify` and `identities`.
struct GalleryOptions: ParsableArguments {
    static let environmentVariable = "FACEWATCH_GALLERY"

    @Option(name: .customLong("gallery"), help: "The gallery file (default: $FACEWATCH_GALLERY, else the daemon's configuration file's gallery ($FACEWATCH_CONFIG or /etc/facewatch/facewatch.yaml when present), else ./gallery.sqlite).")
    var path: String?

    var resolvedPath: String {
        if let path { return path }
        if let env = ProcessInfo.processInfo.environment[Self.environmentVariable], !env.isEmpty { return env }
        if let configured = InstalledConfiguration.current?.galleryPath { return configured }
        return "gallery.sqlite"
    }
}

/// Detection, alignment and embedding loaded together, for the commands that turn photos into descriptors.
struct FacePipeline {
    let detector: MTCNNDetector
    let embedder: any FaceEmbedder
    let options: MTCNNOptions

    /// Loads the models, or prints the one-line reason and exits with code 2.
    init(_ detection: DetectionOptions, _ embedding: EmbedderOptions) throws {
        options = try detection.mtcnnOptions()
        embedder = try embedding.load(modelsDirectory: detection.modelsDirectory)
        do {
            detector = try MTCNNDetector(modelsDirectory: ModelsLocation.resolve(detection.modelsDirectory))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    /// What the gallery records about the descriptors this pipeline makes.
    var embedderIdentity: EmbedderIdentity { EmbedderIdentity(embedder) }

    /// Every face in the image with its descriptor.
    func faces(in image: RGBImage) throws -> [(face: DetectedFace, descriptor: [Float])] {
        let faces = try detector.detect(image, options: options)
        return Array(zip(faces, try embedder.descriptors(of: faces, in: image)))
    }
}

/// Image files named on the command line: files as given, directories expanded to the images inside (sorted).
enum ImagePaths {
    static let extensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "gif"]

    static func expand(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [argument]
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            return entries.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                .map { (argument as NSString).appendingPathComponent($0) }
        }
    }
}
