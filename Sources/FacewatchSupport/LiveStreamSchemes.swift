/// The URL schemes facewatch treats as live network streams (cameras, restreamers): opened by FFmpeg by URL,
/// dropped frames allowed, reconnected when they fail. Any other text is a file path. One set for the
/// configuration file and for the media layer, so that what the one accepts the other opens.
public enum LiveStreamSchemes {
    public static let all: Set<String> = ["rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp", "srt"]
}
