import FaceVision

/// One decoded picture of a video, converted to RGB at the size chosen for analysis.
public struct VideoFrame: Sendable {
    /// The picture, possibly downscaled from the source (see `scale`).
    public var image: RGBImage
    /// The picture at the source's size, when `image` is downscaled and the input was asked to keep it.
    public var fullImage: RGBImage?
    /// Presentation time in seconds from the start of the stream.
    public var pts: Double
    /// Count of frames decoded before this one since the source was opened.
    public var index: Int
    /// The source's own picture size.
    public var sourceWidth: Int
    public var sourceHeight: Int
    /// When the frame was ready (CLOCK_MONOTONIC seconds), to measure how long it waits and is analysed.
    public var decodedAt: Double

    public init(
        image: RGBImage, fullImage: RGBImage? = nil, pts: Double, index: Int, sourceWidth: Int, sourceHeight: Int,
        decodedAt: Double = 0
    ) {
        self.image = image
        self.fullImage = fullImage
        self.pts = pts
        self.index = index
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.decodedAt = decodedAt
    }

    /// Source pixels per analysis pixel (1 when the frame was not downscaled).
    public var scale: Double {
        image.width > 0 ? Double(sourceWidth) / Double(image.width) : 1
    }
}
