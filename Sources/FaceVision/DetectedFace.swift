/// A point in image pixel coordinates, x to the right and y down, where `(x, y)` is the centre of pixel column x,
/// row y (the convention of MTCNN's landmarks, dlib and OpenCV's warps).
public struct Point2D: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in image pixel coordinates.
public struct Box: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var area: Double { max(0, width) * max(0, height) }

    public var centre: Point2D { Point2D(x: x + width / 2, y: y + height / 2) }

    /// Intersection over union with another box (0 when they do not overlap).
    public func intersectionOverUnion(_ other: Box) -> Double {
        let w = min(x + width, other.x + other.width) - max(x, other.x)
        let h = min(y + height, other.y + other.height) - max(y, other.y)
        guard w > 0, h > 0 else { return 0 }
        let inter = w * h
        return inter / (area + other.area - inter)
    }
}

/// One face found by the detector: where it is, how sure the detector is, and its five landmarks.
public struct DetectedFace: Sendable, Equatable {
    public var box: Box
    /// The final stage's face probability, 0…1.
    public var score: Double
    /// Left eye, right eye, nose tip, left mouth corner, right mouth corner ("left" meaning the image's left).
    public var landmarks: [Point2D]

    public init(box: Box, score: Double, landmarks: [Point2D]) {
        self.box = box
        self.score = score
        self.landmarks = landmarks
    }
}
