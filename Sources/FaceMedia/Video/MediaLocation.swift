import FacewatchSupport

/// Where a video comes from: a local file, or a network stream that FFmpeg opens by URL.
///
/// A file is read as a plain path (never taken for a protocol or an image-sequence pattern); a network stream is
/// live: it may drop frames to keep up, and it is reconnected when it fails.
public enum MediaLocation: Sendable, Equatable, CustomStringConvertible {
    case file(path: String)
    case network(url: String)

    /// Classifies what a person wrote in a configuration file or on the command line.
    public init(_ text: String) {
        if let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://"),
           LiveStreamSchemes.all.contains(text[..<colon].lowercased()) {
            self = .network(url: text)
        } else {
            self = .file(path: text)
        }
    }

    public var isLive: Bool {
        if case .network = self { return true }
        return false
    }

    /// The location as it may be shown in logs and events: a password in the URL is replaced by `***`.
    public var description: String {
        switch self {
        case .file(let path):
            return path
        case .network(let url):
            return redactingCredentials(in: url)
        }
    }

    /// What libavformat is asked to open: files through the `file:` protocol, so a name with a colon stays a name.
    var ffmpegURL: String {
        switch self {
        case .file(let path):
            return "file:" + path
        case .network(let url):
            return url
        }
    }
}
