import ArgumentParser
import FaceIdentity
import Foundation

/// `facewatch identities`: the people in the gallery.
struct IdentitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identities",
        abstract: "List, remove or rename the people in the gallery.",
        subcommands: [List.self, Remove.self, Rename.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each person with their number of descriptors.")
        @OptionGroup var gallery: GalleryOptions

        func run() throws {
            try withGallery(gallery) { (store: Gallery) throws(GalleryError) in
                for person in try store.people() {
                    print("\(person.name)\t\(person.descriptorCount)")
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a person and all their descriptors.")
        @Argument var name: String
        @OptionGroup var gallery: GalleryOptions

        func run() throws {
            try withGallery(gallery) { (store: Gallery) throws(GalleryError) in
                let count = try store.remove(name)
                print("removed \(name) (\(count) descriptor\(count == 1 ? "" : "s"))")
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a person another name.")
        @Argument var oldName: String
        @Argument var newName: String
        @OptionGroup var gallery: GalleryOptions

        func run() throws {
            try withGallery(gallery) { (store: Gallery) throws(GalleryError) in
                try store.rename(oldName, to: newName)
                print("renamed \(oldName) to \(newName)")
            }
        }
    }
}

/// Opens an existing gallery and runs `body`, turning gallery errors into one line and exit code 1.
private func withGallery(_ options: GalleryOptions, _ body: (Gallery) throws(GalleryError) -> Void) throws {
    do {
        try body(try Gallery(existingAt: options.resolvedPath))
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}
