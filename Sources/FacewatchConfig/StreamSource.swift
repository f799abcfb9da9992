import FacewatchSupport
/// Where a stream's video comes from: a file, read once from start to end, or a live source (a camera or a
/// network stream) that is reconnected whenever it drops.
public enum StreamSource: Sendable, Equatable {
    case file(path: String)
    case live(url: String)

    /// URL schemes of live sources (`LiveStreamSchemes`). Any other text without a scheme is a file path.
    public static var liveSchemes: Set<String> { LiveStreamSchemes.all }

    public var isLive: Bool {
        if case .live = self { return true }
        return false
    }

    /// The path or URL with any password in the URL replaced by `***`, for logs and events.
    public var redacted: String {
        switch self {
        case .file(let path): return path
        case .live(let url): return redactingCredentials(in: url)
        }
    }

    /// What a stream's `url` text denotes, before relative paths are resolved.
    enum Classification: Equatable {
        case path(String)
        case live(String)
        /// A `scheme://` that facewatch does not read.
        case unsupportedScheme(String)
        /// A live URL with nothing after `scheme://`.
        case missingAddress
    }

    static func classify(_ text: String) -> Classification {
        guard let scheme = scheme(of: text) else { return .path(text) }
        let lowered = scheme.lowercased()
        let rest = text.dropFirst(scheme.count + 3)
        if lowered == "file" {
            return rest.hasPrefix("/") ? .path(String(rest)) : .unsupportedScheme(scheme)
        }
        guard liveSchemes.contains(lowered) else { return .unsupportedScheme(scheme) }
        return rest.isEmpty ? .missingAddress : .live(text)
    }

    /// The `scheme` of `scheme://…`: a letter, then letters, digits, `+`, `-` or `.`.
    private static func scheme(of text: String) -> String? {
        guard let separator = text.firstRange(of: "://") else { return nil }
        let candidate = text[..<separator.lowerBound]
        guard let first = candidate.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        let allowed = candidate.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
        }
        return allowed ? String(candidate) : nil
    }
}
