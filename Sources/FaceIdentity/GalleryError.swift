import FacewatchSupport
/// Why a gallery could not be opened, read or changed; every description is one line that starts with the
/// gallery file's path.
public enum GalleryError: Error, CustomStringConvertible, Sendable, Equatable {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    /// The file cannot be created or opened for writing (missing parent directory, permissions, read-only medium).
    case cannotOpen(path: String, reason: String)
    /// The file is not an SQLite database, or is one that some other program made.
    case notAGallery(path: String, reason: String)
    /// SQLite recognises the file but its contents are damaged or cut short.
    case corrupt(path: String, detail: String)
    /// The gallery was made by a newer facewatch whose schema this one does not know.
    case newerSchema(path: String)
    /// The gallery holds descriptors of a different embedder than the caller's; they are not comparable.
    case embedderMismatch(path: String, gallery: EmbedderIdentity, requested: EmbedderIdentity)
    case unknownPerson(path: String, name: String)
    case nameTaken(path: String, name: String)
    case invalidName(path: String, name: String, reason: String)
    /// An enrolment must bring at least one descriptor, so that no person exists without any.
    case noDescriptors(path: String, name: String)
    case wrongDimension(path: String, sourceImage: String, expected: Int, actual: Int)
    case nonFiniteDescriptor(path: String, sourceImage: String)
    /// Any other SQLite failure (disk full, I/O error, locked for too long).
    case database(path: String, detail: String)

    public var path: String {
        switch self {
        case .fileNotFound(let path), .isDirectory(let path), .cannotOpen(let path, _), .notAGallery(let path, _),
             .corrupt(let path, _), .newerSchema(let path), .embedderMismatch(let path, _, _),
             .unknownPerson(let path, _), .nameTaken(let path, _), .invalidName(let path, _, _),
             .noDescriptors(let path, _), .wrongDimension(let path, _, _, _), .nonFiniteDescriptor(let path, _),
             .database(let path, _):
            return path
        }
    }

    public var description: String {
        oneLine("\(path): \(cause)")
    }

    private var cause: String {
        switch self {
        case .fileNotFound:
            return "no such gallery file"
        case .isDirectory:
            return "is a directory, not a gallery file"
        case .cannotOpen(_, let reason):
            return "cannot open or create the gallery (\(reason))"
        case .notAGallery(_, let reason):
            return "not a facewatch gallery (\(reason))"
        case .corrupt(_, let detail):
            return "gallery is damaged or truncated (\(detail))"
        case .newerSchema:
            return "gallery was written by a newer facewatch; upgrade to use it"
        case .embedderMismatch(_, let gallery, let requested):
            return "gallery belongs to embedder \(gallery), not to the requested \(requested); "
                + "descriptors of different embedders cannot be compared"
        case .unknownPerson(_, let name):
            return "no person named '\(name)' in the gallery"
        case .nameTaken(_, let name):
            return "a person named '\(name)' is already in the gallery"
        case .invalidName(_, let name, let reason):
            return "'\(name)' cannot be a person's name (\(reason))"
        case .noDescriptors(_, let name):
            return "nothing to enrol for '\(name)': no descriptors given"
        case .wrongDimension(_, let sourceImage, let expected, let actual):
            return "descriptor from \(sourceImage) has \(actual) values, the gallery's embedder makes \(expected)"
        case .nonFiniteDescriptor(_, let sourceImage):
            return "descriptor from \(sourceImage) contains NaN or infinite values"
        case .database(_, let detail):
            return "SQLite failure (\(detail))"
        }
    }

}
