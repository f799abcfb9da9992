import FacewatchSupport

/// Why a detection cache (`validate --detections-cache`) could not be used.
enum DetectionCacheError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadable(path: String, reason: String)
    /// The first line is not the detector-settings header.
    case missingHeader(path: String)
    case malformedLine(path: String, line: Int, reason: String)
    /// The cache was made with other detector settings, so its faces are not what this run would find.
    case settingsMismatch(path: String, cached: String, requested: String)
    case unwritable(path: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason):
            oneLine("\(path): cannot read the detection cache (\(reason))")
        case .missingHeader(let path):
            oneLine("\(path): not a detection cache (the first line is not {\"detector\":{…}}); name a new file or one validate wrote")
        case .malformedLine(let path, let line, let reason):
            oneLine("\(path):\(line): damaged detection cache line (\(reason)); delete the file to detect again")
        case .settingsMismatch(let path, let cached, let requested):
            oneLine("\(path): the detection cache was made with \(cached), this run asks for \(requested); delete it or use another file")
        case .unwritable(let path, let reason):
            oneLine("\(path): cannot write the detection cache (\(reason))")
        }
    }
}
