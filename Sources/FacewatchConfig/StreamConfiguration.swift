import FacewatchSupport

/// One camera or video file to watch (an item of the YAML `streams` list).
public struct StreamConfiguration: Sendable, Equatable {
    /// Unique among the streams; letters, digits, `.`, `_` and `-` only. Events carry it.
    public var name: String
    public var source: StreamSource
    /// Run the full MTCNN cascade every this many frames (tracking covers the frames between).
    public var detectEvery = 5
    /// Smallest face to look for, in pixels of the full-resolution frame; defaults to `detection.min_face`.
    public var minFace: Int
    /// Frames are scaled down to this width for analysis; nil analyses them at their decoded size.
    public var detectWidth: Int?
    /// Degrees to turn every picture clockwise (0, 90, 180 or 270), after any turn the stream's header records: for
    /// a camera mounted upside down or on its side.
    public var rotate = 0
    /// For files: pace decoding to the video's own frame rate. Live streams are always paced by the sender.
    public var realtime = false
    public var rtspTransport = RTSPTransport.tcp
    /// How long without data before the stream counts as down and is reconnected.
    public var timeout: Duration = .seconds(10)
    public var reconnect = ReconnectBackoff()
    /// Frames buffered between decoding and analysis: by default `FrameQueueCapacity.live` for a live source (the
    /// room to absorb bursts of work before frames are dropped) and `.file` for a file (which waits for the
    /// analysis instead).
    public var queueCapacity: Int

    public init(name: String, source: StreamSource, minFace: Int = DetectionConfiguration.defaults.minFace) {
        self.name = name
        self.source = source
        self.minFace = minFace
        queueCapacity = source.isLive ? FrameQueueCapacity.live : FrameQueueCapacity.file
    }

    /// Whether `name` may name a stream: 1 to 64 characters, each an ASCII letter or digit, `.`, `_` or `-`.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumNameLength else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
        }
    }

    public static let maximumNameLength = 64
}
