import FacewatchSupport
/// Why an image file could not be read or written; every description is one line that starts with the file's path.
public enum ImageFileError: Error, CustomStringConvertible, Sendable, Equatable {
    case fileNotFound(path: String)
    /// The file exists but cannot be opened or read (permissions, a directory, an I/O error).
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    /// FFmpeg does not recognise the contents as any picture format it knows.
    case notAnImage(path: String, detail: String)
    /// A HEIF or AVIF picture (`brand`: the file's ISO-BMFF major brand, such as `heic`), which the installed
    /// FFmpeg cannot decode: phones save photos so.
    case heifPicture(path: String, brand: String)
    /// The format was recognised but the data is truncated or damaged.
    case corrupt(path: String, detail: String)
    /// The header claims more pixels than the caller allows; refused before any pixel memory is allocated.
    case tooLarge(path: String, width: Int, height: Int, limit: Int)
    case unsupportedOutputExtension(path: String, extension: String)
    case encodeFailed(path: String, reason: String)

    public var path: String {
        switch self {
        case .fileNotFound(let path), .unreadable(let path, _), .emptyFile(let path), .notAnImage(let path, _),
             .heifPicture(let path, _), .corrupt(let path, _), .tooLarge(let path, _, _, _), .unsupportedOutputExtension(let path, _),
             .encodeFailed(let path, _):
            return path
        }
    }

    public var description: String {
        "\(oneLine(path)): \(oneLine(cause))"
    }

    private var cause: String {
        switch self {
        case .fileNotFound:
            return "no such file"
        case .unreadable(_, let reason):
            return "cannot be read (\(reason))"
        case .emptyFile:
            return "empty file (0 bytes)"
        case .notAnImage(_, let detail):
            return "not an image FFmpeg recognises (\(detail))"
        case .heifPicture(_, let brand):
            return "a HEIF picture (brand '\(brand)', as phones save photos), which the installed FFmpeg cannot decode; "
                + "convert it to JPEG or PNG first (for example with heif-convert, Debian package libheif-examples)"
        case .corrupt(_, let detail):
            return "truncated or corrupt image data (\(detail))"
        case .tooLarge(_, let width, let height, let limit):
            return "header claims \(width)×\(height) = \(width * height) pixels, over the limit of \(limit) pixels"
        case .unsupportedOutputExtension(_, let pathExtension):
            let shown = pathExtension.isEmpty ? "no extension" : "extension '.\(pathExtension)'"
            return "cannot choose an output format from \(shown) (use .png, .jpg or .jpeg)"
        case .encodeFailed(_, let reason):
            return "cannot write the image (\(reason))"
        }
    }

}
