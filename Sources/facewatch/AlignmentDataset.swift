import ArgumentParser
import FacewatchSupport
import Foundation

/// A folder-per-person dataset: each subfolder of the root is a person, each file in it a photo (hidden files
/// left out), in name order.
struct AlignmentDataset {
    struct Photo {
        var person: String
        var path: String
        /// The file name without its extension, which the aligned PNG is named after.
        var stem: String
    }

    var photos: [Photo]

    init(root: String) throws {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(oneLine(root)) is not a folder")
        }
        photos = []
        for person in try files.contentsOfDirectory(atPath: root).sorted() where !person.hasPrefix(".") {
            let folder = (root as NSString).appendingPathComponent(person)
            guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            for name in try files.contentsOfDirectory(atPath: folder).sorted() where !name.hasPrefix(".") {
                let path = (folder as NSString).appendingPathComponent(name)
                guard files.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                photos.append(Photo(person: person, path: path, stem: (name as NSString).deletingPathExtension))
            }
        }
    }
}
