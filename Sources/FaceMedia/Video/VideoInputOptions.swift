import FaceVision

/// How a video source is opened and read.
public struct VideoInputOptions: Sendable, Equatable {
    /// RTSP's lower transport: TCP (interleaved; survives lossy networks and NAT) or UDP.
    public enum RTSPTransport: String, Sendable, Equatable {
        case tcp, udp
    }

    public var rtspTransport: RTSPTransport = .tcp
    /// Seconds a blocking open or read may wait for data before the source counts as down.
    public var timeout: Double = 10
    /// Frames are scaled down to this width for analysis (keeping the aspect ratio); 0 keeps the source size.
    public var analysisWidth: Int = 0
    /// Decoder threads (0 lets FFmpeg choose from the core count).
    public var decoderThreads: Int = 1
    /// With a reduced `analysisWidth`, also deliver the picture at the source's size (faces are then aligned
    /// for recognition from full-resolution pixels while detection runs on the small copy).
    public var keepsFullResolution = false
    /// A turn applied to every picture after the one the stream's header records: for a camera mounted upside down
    /// or on its side that does not turn its own picture.
    public var turn: PictureOrientation = .upright

    public init(
        rtspTransport: RTSPTransport = .tcp, timeout: Double = 10, analysisWidth: Int = 0, decoderThreads: Int = 1,
        keepsFullResolution: Bool = false, turn: PictureOrientation = .upright
    ) {
        self.rtspTransport = rtspTransport
        self.timeout = timeout
        self.analysisWidth = analysisWidth
        self.decoderThreads = decoderThreads
        self.keepsFullResolution = keepsFullResolution
        self.turn = turn
    }

    /// The analysis size for a source of the given size: `analysisWidth` wide with the source's aspect ratio, or
    /// the source size when that is no larger.
    func analysisSize(sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int) {
        guard analysisWidth > 0, analysisWidth < sourceWidth, sourceWidth > 0 else { return (sourceWidth, sourceHeight) }
        let height = max(1, Int((Double(sourceHeight) * Double(analysisWidth) / Double(sourceWidth)).rounded()))
        return (analysisWidth, height)
    }
}
