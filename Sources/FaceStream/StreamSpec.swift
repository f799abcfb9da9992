import FaceMedia
import FacewatchSupport

/// Everything that describes one watched stream.
public struct StreamSpec: Sendable {
    /// The stream's name, as events carry it.
    public var name: String
    public var location: MediaLocation
    public var input = VideoInputOptions()
    /// Files only: pace frames to their timestamps instead of reading as fast as analysis goes.
    public var realtime = false
    /// Frames held between decoding and analysis; a live stream drops the oldest beyond this. By default
    /// `FrameQueueCapacity.live` for a live stream (room for bursts of work) and `.file` for a file (which waits
    /// instead).
    public var queueCapacity: Int
    public var reconnectInitialDelay = 1.0
    public var reconnectMaxDelay = 30.0
    public var analysis = AnalysisSettings()

    public init(name: String, location: MediaLocation) {
        self.name = name
        self.location = location
        queueCapacity = location.isLive ? FrameQueueCapacity.live : FrameQueueCapacity.file
    }
}
