import ArgumentParser
import FaceIdentity
import FaceMedia
import FaceVision
import Foundation
import NeuralEngine

/// `facewatch enroll`: adds a person's face descriptors to the gallery.
struct EnrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Add a person to the gallery from photos of them.",
        discussion: """
            Each photo must show exactly one face; a photo with none or with several is skipped with a warning \
            naming it. All descriptors of one run are stored in one transaction: either all of them land or none. \
            Enrolling a name that exists adds to that person. The gallery belongs to the embedder that made it \
            (--embedder); another embedder's descriptors are refused.
            """)

    @Argument(help: "The person's name.")
    var name: String

    @Argument(help: "Photos, or directories of photos.")
    var images: [String]

    @OptionGroup var gallery: GalleryOptions
    @OptionGroup var detection: DetectionOptions
    @OptionGroup var embedding: EmbedderOptions

    func run() throws {
        let pipeline = try FacePipeline(detection, embedding)
        BLAS.setThreadCount(1)
        var descriptors = [Descriptor]()
        var skipped = 0
        for path in ImagePaths.expand(images) {
            do {
                let faces = try pipeline.faces(in: try ImageFile.decode(path: path))
                guard faces.count == 1 else {
                    printError("warning: \(path): \(faces.isEmpty ? "no face found" : "\(faces.count) faces found; a photo to enrol must show one"), skipped")
                    skipped += 1
                    continue
                }
                descriptors.append(Descriptor(vector: faces[0].descriptor, sourceImage: path))
            } catch {
                printError("warning: \(error), skipped")
                skipped += 1
            }
        }
        guard !descriptors.isEmpty else {
            printError("\(name): no usable photo, nothing enrolled")
            throw ExitCode(1)
        }
        do {
            let store = try Gallery(path: gallery.resolvedPath, embedder: pipeline.embedderIdentity)
            let person = try store.enroll(name, descriptors: descriptors)
            print("enrolled \(person.name): \(descriptors.count) descriptor\(descriptors.count == 1 ? "" : "s") added, \(person.descriptorCount) in all\(skipped > 0 ? ", \(skipped) photo\(skipped == 1 ? "" : "s") skipped" : "")")
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
